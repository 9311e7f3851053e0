import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A replica gives back the tokens it drew and could not spend soon enough, instead of dropping
 * them: they go back into the shared bucket (never above its burst) with its next draw, for the
 * other replicas to spend. `wants` may be 0 (only giving back).
 */
const BODY = (returning: boolean) => `
    declare
      i int;
      held float8;
      since timestamptz;
      at timestamptz;
      level float8;
    begin
      for i in 1 .. coalesce(array_length(tenants, 1), 0) loop
        insert into send_budgets (tenant_id, scope, tokens, granted, refilled_at)
        values (tenants[i], scopes[i], bursts[i], 0, clock_timestamp())
        on conflict (tenant_id, scope) do nothing;
        select b.tokens, b.refilled_at into held, since
          from send_budgets b where b.tenant_id = tenants[i] and b.scope = scopes[i] for update;
        at := greatest(since, clock_timestamp());
        level := least(bursts[i], held + extract(epoch from at - since)::float8 * rates[i]${
          returning ? ' + coalesce(returned[i], 0)' : ''
        });
        tenant := tenants[i];
        scope_name := scopes[i];
        granted_now := least(wants[i], greatest(0, floor(level)))::int;
        tokens_left := level - granted_now;
        update send_budgets b set tokens = tokens_left, granted = granted_now, refilled_at = at
         where b.tenant_id = tenants[i] and b.scope = scopes[i];
        return next;
      end loop;
    end`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists draw_send_tokens(text[], text[], float8[], float8[], int[])`.execute(db);
  await sql
    .raw(`create function draw_send_tokens(
      tenants text[], scopes text[], rates float8[], bursts float8[], wants int[], returned int[])
    returns table (tenant text, scope_name text, granted_now int, tokens_left float8)
    language plpgsql as $$${BODY(true)}$$`)
    .execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists draw_send_tokens(text[], text[], float8[], float8[], int[], int[])`.execute(
    db,
  );
  await sql
    .raw(`create function draw_send_tokens(
      tenants text[], scopes text[], rates float8[], bursts float8[], wants int[])
    returns table (tenant text, scope_name text, granted_now int, tokens_left float8)
    language plpgsql as $$${BODY(false)}$$`)
    .execute(db);
}
