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

  it('shows an image file in the card: inline when it fits, else from its address, else its figures in words', () => {
    const png = (bytes: number) =>
      Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(bytes, 7)]).toString('base64');
    const chart = (content: string, image?: string) =>
      renderCards({
        summary: 'Reporte',
        blocks: [
          { type: 'text', text: 'Reporte del ciclo' },
          {
            type: 'file',
            name: 'grafico.png',
            mimeType: 'image/png',
            content,
            encoding: 'base64',
            alt: 'Gráfico. Por género: mujer 3, hombre 1.',
            ...(image ? { image } : {}),
          },
        ],
      });
    // biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON.
    const body = (cards: any[]) => cards.flatMap((c) => c.body);
    const small = body(chart(png(10_000)));
    expect(small.find((e) => e.type === 'Image')).toMatchObject({
      url: expect.stringMatching(/^data:image\/png;base64,/),
      altText: 'Gráfico. Por género: mujer 3, hombre 1.',
    });
    expect(JSON.stringify(small)).not.toContain('📎');
    const large = chart(png(40_000), 'https://mentoria.example.gob/images/abc.def');
    expect(body(large).find((e) => e.type === 'Image')?.url).toBe(
      'https://mentoria.example.gob/images/abc.def',
    );
    expect(large.every((c) => Buffer.byteLength(JSON.stringify(c)) < 28_000)).toBe(true);
    const nowhere = body(chart(png(40_000)));
    expect(nowhere.some((e) => e.type === 'Image')).toBe(false);
    expect(nowhere.map((e) => e.text)).toContain('Gráfico. Por género: mujer 3, hombre 1.');
  });
});
