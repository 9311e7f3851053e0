import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_REGISTRATIONS } from '../../../adapters/slack/slack.adapter.ts';

const manifest = parse(readFileSync('manifest/slack/manifest.yml', 'utf8'));

describe('the Slack manifest is source', () => {
  it('declares exactly the commands, events and scopes the adapter registers', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command).sort()).toEqual(
      [...SLACK_REGISTRATIONS.commands].sort(),
    );
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...SLACK_REGISTRATIONS.events].sort(),
    );
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_REGISTRATIONS.scopes].sort());
  });

  it('sends commands, events and interactivity (buttons, modal callbacks) to /slack/events', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.oauth_config.redirect_urls[0]).toMatch(/\/slack\/oauth_redirect$/);
    expect(SLACK_REGISTRATIONS.viewCallbacks).toEqual(['mentoria_form']);
  });

  it('has an App Home with a messages tab people can write in, and org-wide installs', () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(manifest.display_information.name).toBe('Mentoría');
  });
});
