import { describe, expect, it } from 'vitest';
import { MAX_ACTIONS, renderCards } from '../../../adapters/teams/adaptive-card.render.ts';
import { button, linkButton, message } from '../../../src/messages/model.ts';

// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON.
const actionsOf = (card: any): { title: string; style?: string }[] =>
  // biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON.
  card.body.flatMap((e: any) => (e.type === 'ActionSet' ? e.actions : []));

describe('Adaptive Cards for Teams', () => {
  it('puts the primary action first and at most five actions on a card, the rest on the next cards', () => {
    // The competencies question: one button per competency, then "Listo" (primary) last.
    const competencies = [
      'Liderazgo',
      'Escucha activa',
      'Análisis de datos',
      'Colaboración digital',
      'Seguridad digital',
      'Herramientas ofimáticas',
      'Redes sociales',
      'Negociación',
    ];
    const question = message('¿Qué competencias desarrolla esta meta?')
      .text('¿Qué competencias desarrolla esta meta?')
      .buttons([
        ...competencies.map((c) => button('flow.choice', c, { f: 'goal_draft', s: 'competencies', c })),
        button('flow.choice', 'Listo', { f: 'goal_draft', s: 'competencies', c: 'done' }, 'primary'),
      ])
      .build();
    const cards = renderCards(question);
    const perCard = cards.map(actionsOf);
    expect(perCard.every((actions) => actions.length <= MAX_ACTIONS)).toBe(true);
    expect(perCard[0]?.[0]).toMatchObject({ title: 'Listo', style: 'positive' });
    expect(
      perCard
        .flat()
        .map((a) => a.title)
        .sort(),
    ).toEqual([...competencies, 'Listo'].sort());
    expect(JSON.stringify(cards[0])).toContain('¿Qué competencias desarrolla esta meta?');
  });

  it('keeps a card of five actions or fewer whole, in the order given when none is primary', () => {
    const cards = renderCards(
      message('Sesión')
        .text('Sesión')
        .buttons([button('a', 'Uno'), button('b', 'Dos'), button('c', 'Tres')])
        .build(),
    );
    expect(cards).toHaveLength(1);
    expect(actionsOf(cards[0]).map((a) => a.title)).toEqual(['Uno', 'Dos', 'Tres']);
  });

  it('shows a fact of several lines as a label and one block per line', () => {
    const [card] = renderCards(
      message('Meta')
        .fields([
          { label: 'Fecha', value: '30 de junio' },
          { label: 'Hitos', value: 'Borrador; 15 de abril\nVersión final; 30 de junio' },
        ])
        .build(),
    );
    const body = JSON.stringify(card);
    expect(body).toContain('"facts":[{"title":"Fecha","value":"30 de junio"}]');
    expect(body).toContain('"text":"Borrador; 15 de abril"');
    expect(body).toContain('"text":"Versión final; 30 de junio"');
    expect(body).not.toContain('\\n');
  });

  it('renders a link as Action.OpenUrl, which opens the page and sends nothing to the bot', () => {
    const [card] = renderCards(
      message('Sesión confirmada')
        .text('Sesión confirmada')
        .buttons([
          linkButton(
            'Agregar al calendario (Outlook)',
            'https://outlook.office.com/calendar/0/deeplink/compose?subject=x',
          ),
          button('session.cancel', 'Cancelar sesión', { s: '1' }, 'danger'),
        ])
        .build(),
    );
    expect(actionsOf(card)).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Agregar al calendario (Outlook)',
        url: 'https://outlook.office.com/calendar/0/deeplink/compose?subject=x',
      },
      expect.objectContaining({ type: 'Action.Execute', verb: 'session.cancel', style: 'destructive' }),
    ]);
    expect(() => linkButton('x', 'javascript:alert(1)')).toThrow();
  });
});
