/** Spanish, the default language. `_f` / `_m` keys follow the reader's declared gender; the base key is neutral. */
export const es = {
  lang: 'es',
  /** Counted nouns, nested by sentences with several counts: `$t(counted.goal, {"count": {{goals}} })`. */
  counted: {
    message_one: '{{count}} mensaje',
    message_other: '{{count}} mensajes',
    goal_one: '{{count}} meta',
    goal_other: '{{count}} metas',
    alert_one: '{{count}} alerta',
    alert_other: '{{count}} alertas',
    restriction_one: '{{count}} restricción',
    restriction_other: '{{count}} restricciones',
    session_one: '{{count}} sesión',
    session_other: '{{count}} sesiones',
    line_one: '{{count}} línea',
    line_other: '{{count}} líneas',
    valid_one: '{{count}} válida',
    valid_other: '{{count}} válidas',
    new_person_one: '{{count}} persona nueva',
    new_person_other: '{{count}} personas nuevas',
    updated_one: '{{count}} actualizada',
    updated_other: '{{count}} actualizadas',
    skipped_line_one: '{{count}} línea omitida',
    skipped_line_other: '{{count}} líneas omitidas',
    pair_one: '{{count}} pareja',
    pair_other: '{{count}} parejas',
    year_one: '{{count}} año',
    year_other: '{{count}} años',
    answer_one: '{{count}} respuesta',
    answer_other: '{{count}} respuestas',
    mentee_one: '{{count}} persona mentorada',
    mentee_other: '{{count}} personas mentoradas',
    mentor_one: '{{count}} persona mentora',
    mentor_other: '{{count}} personas mentoras',
    checkin_one: '{{count}} avance semanal',
    checkin_other: '{{count}} avances semanales',
  },
  /** Possessives about a third person; Spanish needs none ("su"), English does. */
  pronoun: {
    their: 'su',
    their_f: 'su',
    their_m: 'su',
  },
  common: {
    more: '… y {{count}} más (detalle completo en el archivo adjunto).',
    cancel: 'Cancelar',
    done: 'Listo',
    none: 'Ninguno',
    none_f: 'Ninguna',
    save: 'Guardar',
    send: 'Enviar',
    skip_hint: 'Escribe «-» para dejarlo en blanco.',
    on_its_way: 'Un momento: enseguida te respondo.',
  },
  words: {
    mentor: 'persona mentora',
    mentor_f: 'mentora',
    mentor_m: 'mentor',
    your_mentor: 'tu persona mentora',
    coordination: 'la coordinación del programa',
  },
  plan: {
    which_pair: 'Acompañas a más de una persona en este programa: ¿de qué plan se trata?',
    with: 'Plan con {{name}}',
  },
  /** A reader's own role, in their gender: "donde participas como mentora". */
  own_role: {
    mentor: 'persona mentora',
    mentor_f: 'mentora',
    mentor_m: 'mentor',
    mentee: 'persona mentorada',
    mentee_f: 'mentorada',
    mentee_m: 'mentorado',
  },
  phase: {
    upcoming: 'por comenzar',
    enrollment: 'inscripción',
    goal_setting: 'definición de metas',
    execution: 'ejecución',
    closing: 'cierre',
    closed: 'cerrado',
  },
  flows: {
    goal_draft: 'la redacción de tu meta',
    session_propose: 'la propuesta de sesión',
    checkin: 'el avance semanal',
    evaluation: 'la evaluación',
    survey: 'la encuesta de satisfacción',
    upload: 'la importación del archivo',
    logo: 'el logo de los diplomas',
    unknown: 'la conversación anterior',
  },
  flow: {
    cancelled: 'Listo, cancelé {{flow}}. No se guardó nada.',
    expired: 'La conversación sobre {{flow}} expiró por falta de respuesta y se descartó.',
    expired_hint: 'Puedes empezar de nuevo cuando quieras; escribe «ayuda» para ver las opciones.',
    stale_button: 'Ese botón pertenece a un paso que ya pasó. Responde a la pregunta más reciente.',
    still_open: 'Sigues en {{flow}}: responde a la última pregunta o escribe «cancelar».',
    nothing_to_cancel: 'No hay nada que cancelar.',
    use_buttons: 'Elige una de las opciones de los botones.',
  },
  forms: {
    open: 'Abrir el formulario',
    required: 'Este dato es obligatorio.',
    has_errors: 'Revisa estos datos; no se guardó nada:',
    already_submitted:
      'Ya recibí este formulario; no hice nada más. Si quieres cambiar algo, abre uno nuevo.',
  },
  dates: {
    unreadable_date:
      'No entendí la fecha. Escríbela, por ejemplo, como «30/06», «30 de junio» o «2026-06-30».',
    unreadable_datetime:
      'No entendí la fecha y hora. Prueba con «mañana 10:00», «martes 16:30» o «15/04 a las 9».',
    needs_time: 'Me falta la hora. Por ejemplo: «15/04 a las 10:00».',
    time_moved:
      '{{asked}} no existe ese día en {{place}} (los relojes se adelantan); propuse las {{chosen}} ({{zone}}).',
    time_twice:
      'Las {{chosen}} ocurren dos veces ese día en {{place}} (los relojes se atrasan); propuse la primera vez, {{chosen}} ({{zone}}).',
  },
  welcome: {
    summary: 'Te damos la bienvenida a Mentoría, {{name}}',
    hello: '¡Hola, {{name}}! Te damos la bienvenida a Mentoría.',
    hello_f: '¡Hola, {{name}}! Bienvenida a Mentoría.',
    hello_m: '¡Hola, {{name}}! Bienvenido a Mentoría.',
    role: {
      mentee:
        'Participas como persona mentorada en «{{program}}». Tu {{mentorWord}} es {{mentor}}: juntos acordarán metas SMART y sesiones de trabajo.',
      mentor:
        'Participas como persona mentora en «{{program}}» y acompañas a: {{mentees}}. Revisarás sus metas, acordarán sesiones y al final harás la evaluación.',
      mentor_f:
        'Participas como mentora en «{{program}}» y acompañas a: {{mentees}}. Revisarás sus metas, acordarán sesiones y al final harás la evaluación.',
      mentor_m:
        'Participas como mentor en «{{program}}» y acompañas a: {{mentees}}. Revisarás sus metas, acordarán sesiones y al final harás la evaluación.',
      plan_mentor:
        'Participas como persona mentora en «{{program}}» y acompañas a: {{mentees}}. Escribes el plan de mentoría, lo llevan a cabo en sus sesiones y al cierre entregas el informe de trabajo; la coordinación del programa valida ambos.',
      plan_mentor_f:
        'Participas como mentora en «{{program}}» y acompañas a: {{mentees}}. Escribes el plan de mentoría, lo llevan a cabo en sus sesiones y al cierre entregas el informe de trabajo; la coordinación del programa valida ambos.',
      plan_mentor_m:
        'Participas como mentor en «{{program}}» y acompañas a: {{mentees}}. Escribes el plan de mentoría, lo llevan a cabo en sus sesiones y al cierre entregas el informe de trabajo; la coordinación del programa valida ambos.',
      colleague:
        'Participas en «{{program}}» con {{mentor}}, que escribe el plan de mentoría que llevarán a cabo juntos en sus sesiones.',
      admin:
        'Coordinas el programa: verás el avance de todas las parejas, las metas pendientes de aprobación y las restricciones sin resolver.',
      director: 'Puedes consultar los resultados y cifras del programa. Tu perfil es de consulta.',
      none: 'Todavía no participas en ningún ciclo de mentoría. Si crees que es un error, habla con el área de Recursos Humanos.',
      waiting_mentor:
        'Participas como persona mentora en «{{program}}»; todavía no tienes una persona mentorada asignada. Te avisaré aquí en cuanto la coordinación la asigne.',
      waiting_mentor_f:
        'Participas como mentora en «{{program}}»; todavía no tienes una persona mentorada asignada. Te avisaré aquí en cuanto la coordinación la asigne.',
      waiting_mentor_m:
        'Participas como mentor en «{{program}}»; todavía no tienes una persona mentorada asignada. Te avisaré aquí en cuanto la coordinación la asigne.',
      waiting_mentee:
        'Participas como persona mentorada en «{{program}}»; todavía no tienes una persona mentora asignada. Te avisaré aquí en cuanto la coordinación la asigne.',
      withdrawn:
        'La coordinación registró tu retiro del ciclo {{cycle}} el {{date}}: ya no recibirás recordatorios de ese ciclo. Si es un error, escribe a la coordinación del programa.',
    },
    phases_title: 'Fechas de «{{program}}», ciclo {{cycle}}:',
    now: 'Fase actual: {{phase}}.',
    next: {
      mentee: 'Para empezar, escribe «meta nueva» y te acompaño a redactar tu primera meta.',
      mentor:
        'Cuando tu persona mentorada envíe una meta, te llegará aquí con los botones para aprobarla o pedir cambios.',
      plan_mentor: 'Para empezar, escribe «meta nueva» y te acompaño a redactar la primera meta de tu plan.',
      colleague:
        'Escribe «metas» para ver el plan cuando esté listo, y «sesiones» para las sesiones que acuerden.',
      admin: 'Escribe «pendientes» para ver el estado del ciclo.',
      director: 'Escribe «pendientes» para ver el estado del ciclo.',
      none: 'Escribe «ayuda» para ver lo que puedo hacer.',
    },
    help_hint: 'En cualquier momento: «ayuda», «pendientes» o «cancelar».',
  },
  help: {
    title: '¿Qué puedo hacer por ti?',
    /** One line per command, with the reader's place in the program as context (`goals_mentor`). */
    line: {
      new_goal:
        '• «meta nueva» — redactar una meta paso a paso («meta formulario» para hacerlo en un solo formulario)',
      goals_mentee: '• «metas» — tus metas y su estado',
      sessions: '• «sesión nueva» / «sesiones» — proponer y ver sesiones',
      checkin: '• «avance» — reporte semanal de tus metas',
      evaluate_mentee: '• «evaluar» — ver tu evaluación final',
      history_mentee: '• «historial» — tu historia en el programa: metas, sesiones, avances, alertas',
      new_goal_plan_mentor:
        '• «meta nueva» — redactar una meta de tu plan de mentoría paso a paso («meta formulario» para un solo formulario)',
      goals_plan_mentor: '• «metas» — tu plan y el estado de cada meta',
      checkin_plan_mentor: '• «avance» — reporte semanal del plan',
      work_report:
        '• «informe» — al cierre, tu informe de trabajo (comparte aquí un PDF o Word para adjuntarlo)',
      history_plan_mentor: '• «historial» — la historia de cada pareja: metas, sesiones, avances, alertas',
      goals_colleague: '• «metas» — el plan de mentoría que llevan a cabo',
      history_colleague: '• «historial» — la historia de la pareja: metas, sesiones, avances',
      goals_mentor: '• «metas» — las metas de tus personas mentoradas',
      evaluate_mentor: '• «evaluar» — evaluación final de cada meta',
      history_mentor: '• «historial» — la historia de cada pareja: metas, sesiones, avances, alertas',
      pending_admin: '• «pendientes» — estado del ciclo: metas por aprobar, alertas y restricciones',
      behind:
        '• «admin pendientes [ciclo]» — quién está atrasado, por persona, con «Recordar ahora» y un CSV',
      report_admin: '• «admin reporte» — cifras del ciclo: metas por estado, sesiones, avances, evaluaciones',
      grant:
        '• «admin agregar director correo@…» / «admin agregar admin correo@…» — dar acceso a otra persona («admin quitar …» para retirarlo)',
      new_program:
        '• «admin programa nuevo» / «admin ciclo nuevo» — crear un programa o un ciclo con un formulario',
      applications:
        '• «admin abrir postulaciones hasta <fecha>» / «admin postulaciones» — convocatoria con aval de jefatura y selección',
      new_plenary:
        '• «admin plenaria nueva» / «admin plenarias» — programar plenarias y ver la asistencia («admin asistencia n correo@… presente|ausente» para una lista en papel; «admin plenaria editar n» / «admin plenaria cancelar n» para cambiarla o cancelarla, con aviso a todas las personas)',
      programs_admin:
        '• «admin programas» / «admin ciclos» / «admin personas [ciclo]» — programas, ciclos y quién está inscrito en un ciclo, con su pareja (y un CSV)',
      program_settings:
        '• «admin programa ajustes [programa]» / «admin ciclo fechas [ciclo]» — cambiar los ajustes de un programa o las fechas de un ciclo («admin ciclo borrar <ciclo>» borra uno vacío)',
      withdraw:
        '• «admin retirar correo@… <motivo>» — retirar a una persona de su ciclo; sus registros se conservan',
      history_admin:
        '• «admin historial <correo> [ciclo]» — la historia de una pareja (metas, decisiones, sesiones, avances, alertas, evaluación) con un Excel',
      audit: '• «admin auditoría [desde <fecha>]» — el registro de auditoría en CSV',
      competencies: '• «admin competencias» — ver, agregar y renombrar competencias',
      results_admin:
        '• «admin resultados» / «admin diplomas» — resultados por participante (Excel, CSV) y diplomas (PDF)',
      certificate_settings:
        '• «admin diploma ajustes [programa]» — institución, firmas y logo de los diplomas (comparte un PNG para el logo; «admin diploma muestra» para ver uno; «admin verificar <número>» para comprobar un diploma)',
      ai_coach:
        '• «admin coach ia sí|no» — activar o desactivar el coach de IA para la institución (si el servidor tiene un modelo)',
      export_person:
        '• «admin exportar correo@…» / «admin borrar correo@…» — datos de una persona, o anonimizarla',
      suggest_pairs: '• «admin sugerir parejas» — propuesta óptima de parejas para revisar y confirmar',
      pair: '• «admin emparejar mentor@… mentorado@…» — una pareja a mano; si ya tiene mentor o mentora, ofrece «Reemplazar» (metas e historial pasan a la nueva pareja)',
      on_behalf:
        '• «admin en nombre de correo@… meta|evaluación|sesiones|informe» — ingresar un formulario en papel (en mentoría inversa, la meta y el informe son de la persona mentora)',
      pending_director: '• «pendientes» — estado del ciclo (solo consulta)',
      report_director: '• «admin reporte» — cifras del ciclo',
      results_director: '• «admin resultados» / «admin diplomas» — resultados por participante y diplomas',
      programs_director: '• «admin programas» / «admin ciclos» — programas y ciclos, con sus fechas',
      history_director: '• «admin historial <correo>» — estados, fechas y resultados de una pareja',
      hello: '• «hola» — presentación del programa',
      apply: '• «postular» — postular a un ciclo cuando hay convocatoria abierta',
      pending: '• «pendientes» — lo que tienes por hacer',
      language: '• «idioma en» — switch to English',
      snooze: '• «pausar hasta 15/04» / «reanudar» — pausar recordatorios',
      my_data: '• «privacidad» — lo que Mentoría guarda de ti',
      cancel: '• «cancelar» — salir de la conversación en curso',
    },
    several_cycles:
      'Con varios ciclos en curso, pregunto a cuál te refieres; también puedes escribir su nombre al final del comando (p. ej. «admin plenarias 2027-1»).',
  },
  menu: {
    new_goal: 'Nueva meta',
    goals: 'Mis metas',
    new_session: 'Proponer sesión',
    sessions: 'Sesiones',
    checkin: 'Avance semanal',
    pending: 'Pendientes',
    evaluate: 'Evaluación',
    work_report: 'Informe de trabajo',
    help: 'Ayuda',
  },
  coach: {
    ok: {
      specific: '¡Bien! Es específica: dice qué harás y sobre qué.',
      measurable: 'Tiene un indicador: «{{indicator}}».',
      title: 'Buen título.',
      achievable: 'Anotado.',
      relevant: 'Anotado.',
    },
    keep: 'Dejarla así',
    kept: 'De acuerdo, queda como la escribiste; quien revise tu meta verá la sugerencia del coach.',
    specific: {
      no_action_1:
        'Falta la acción: empieza con un verbo que diga qué harás (elaborar, reducir, capacitar a, implementar…) y sobre qué.',
      no_action_2:
        'Ponle un verbo delante a lo que escribiste, por ejemplo: «Elaborar {{own}}» o «Implementar {{own}}».',
      vague_verb_1:
        '«{{word}}» expresa un deseo, no una acción: ¿qué harás concretamente? (elaborar, reducir, capacitar a, publicar…)',
      vague_verb_2:
        'Di cómo lo lograrás: «{{own}} mediante…», o empieza por la acción, por ejemplo «Reducir de 20 a 10 minutos la espera en ventanilla».',
      vague_object_1:
        '¿Sobre qué, concretamente? Nombra algo que se pueda ver: un trámite, un documento, un equipo, un proceso.',
      vague_object_2:
        'Cambia la cualidad por su evidencia: en vez de «el desempeño», por ejemplo «el tiempo de respuesta de los oficios» o «los 12 informes mensuales».',
      no_object_1:
        '¿«{{word}}» qué? Agrega sobre qué actuarás: «{{own}} el manual…», «{{own}} a las 15 personas de…».',
      no_object_2:
        'Completa la frase con su objeto, por ejemplo «{{own}} el procedimiento de archivo de la oficina».',
      negation_1: 'Dilo en positivo: qué harás, no qué evitarás.',
      negation_2:
        'Por ejemplo, en vez de «no llegar tarde», «llegar a tiempo a las 12 reuniones de seguimiento», o en vez de «evitar errores», «revisar los informes con una lista de control».',
    },
    measurable: {
      no_indicator_1:
        '¿Cómo sabrás que lo lograste? Falta un indicador: una cantidad con su unidad («12 reuniones»), un porcentaje («95 % de las solicitudes») o un entregable («manual publicado»).',
      no_indicator_2:
        '¿Cuánto? Por ejemplo: «reducir de 10 a 5 días el tiempo de respuesta». Con tus palabras: «{{own}}: de __ a __» o «{{own}}: __ al mes».',
      only_date_1:
        'Una fecha dice cuándo, no cuánto: agrega un indicador («20 oficios», «80 % de asistencia», «informe publicado»).',
      only_date_2:
        '¿Qué cifra o entregable mostrará el logro? Por ejemplo: «responder 200 oficios» o «publicar la guía».',
      bare_number_1:
        '¿{{word}} qué? Agrega la unidad o lo que cuentas: «{{word}} expedientes», «{{word}} % de las solicitudes».',
      bare_number_2:
        'Un número necesita su objeto: por ejemplo «95 % de las solicitudes respondidas en 5 días» o «200 oficios tramitados».',
      vague_quantity_1: '«{{word}}» no se puede medir: ¿cuánto, exactamente?',
      vague_quantity_2:
        'Pon una cifra o un entregable: por ejemplo «de 40 a 20 reclamos al mes» o «un informe publicado».',
    },
    time: {
      cycle_end: 'el cierre del ciclo',
      no_date:
        '¿Para cuándo? Una fecha o un periodo hasta {{end}}: «antes del 30 de junio», «en el segundo trimestre».',
      vague_time: '«{{word}}» no es una fecha: elige una hasta {{end}}.',
      impossible_date: '«{{date}}» no existe en el calendario: elige una fecha real.',
      past: '«{{date}}» ya pasó: elige una fecha a partir de hoy.',
      after_cycle: '{{date}} cae después del cierre del ciclo ({{end}}): elige una fecha hasta entonces.',
    },
    example: 'Un ejemplo de meta SMART{{about}}: «{{example}}».',
    example_about: ' de «{{competency}}»',
    examples: {
      general:
        'Reducir de 10 a 5 días hábiles el tiempo de respuesta a solicitudes ciudadanas antes del 30 de junio',
      active_listening:
        'Realizar 8 entrevistas de escucha con personas usuarias y resumir sus 5 principales necesidades en un informe antes de mayo',
      assertive_communication:
        'Dar retroalimentación por escrito a las 6 personas de mi equipo después de cada entrega mensual hasta junio',
      leadership:
        'Delegar la coordinación de 3 proyectos del área con reuniones quincenales de seguimiento y minuta en el primer semestre',
      performance: 'Tramitar el 90 % de los oficios asignados en 5 días hábiles o menos de febrero a junio',
      teamwork:
        'Organizar 4 sesiones de trabajo con la unidad de compras y acordar un procedimiento común antes de mayo',
      digital_collaboration:
        'Migrar los 120 documentos compartidos del área a una carpeta en la nube con permisos por equipo en marzo',
      data_analysis: 'Publicar un tablero mensual con 6 indicadores de atención ciudadana a partir de abril',
      digital_security:
        'Capacitar a las 15 personas de la oficina en contraseñas seguras y activar la doble verificación en todas sus cuentas antes de abril',
      social_media:
        'Publicar 2 contenidos semanales sobre trámites en línea en las redes de la institución de febrero a junio',
      office_tools:
        'Automatizar con una planilla el reporte semanal de solicitudes y reducir su preparación de 3 horas a 30 minutos en marzo',
    },
    one_sentence: 'Entendí tu meta completa en un mensaje. Así la repartí:',
    one_sentence_missing: 'Me falta: {{parts}}.',
    from_form: 'Sugerencias del coach SMART (tu meta se envió igual):',
    verdict: {
      line: 'Coach SMART: {{specific}} · {{measurable}} · {{timeBound}}',
      specific_ok: 'específica ✓',
      specific_gap: 'específica ✗ ({{why}})',
      measurable_ok: 'medible ✓',
      measurable_gap: 'medible ✗ ({{why}})',
      timeBound_ok: 'con fecha ✓',
    },
    gap: {
      no_action: 'sin una acción',
      vague_verb: 'verbo vago',
      vague_object: 'el objeto es una cualidad',
      no_object: 'falta sobre qué',
      negation: 'dice qué evitar',
      no_indicator: 'sin indicador',
      only_date: 'solo una fecha',
      bare_number: 'un número sin unidad',
      vague_quantity: 'cantidad vaga',
    },
  },
  goal: {
    intro:
      'Vamos a redactar una meta SMART: específica, medible, alcanzable, relevante y con fecha. Te haré una pregunta a la vez; escribe «cancelar» para salir.',
    ask: {
      title: '1/8 · ¿Cómo se llama tu meta? Un título corto.',
      specific: '2/8 · Específica: ¿qué harás exactamente y sobre qué?',
      measurable:
        '3/8 · Medible: ¿cómo sabrás que la lograste? Indica un número, un porcentaje o una evidencia.',
      achievable: '4/8 · Alcanzable: ¿con qué recursos, tiempo o apoyo cuentas?',
      relevant: '5/8 · Relevante: ¿por qué importa para tu trabajo o tu área?',
      due: '6/8 · ¿Para qué fecha? Debe estar entre el {{from}} y el {{to}}.',
      competencies:
        '7/8 · ¿Qué competencias desarrollarás? Elige una o varias y luego «Listo», o escribe sus números («1, 3»).',
      milestones: '8/8 · Hitos (opcional): escribe uno como «Primer informe; 30/04», o pulsa «Sin hitos».',
      milestones_more_one: 'Llevas 1 hito. Escribe otro como «título; fecha» o pulsa «Listo».',
      milestones_more_other: 'Llevas {{count}} hitos. Escribe otro como «título; fecha» o pulsa «Listo».',
      edit_pick: '¿Qué parte quieres cambiar?',
    },
    hint: {
      title:
        'Un título corto, o toda tu meta en una frase y la reparto yo: «Reducir de 10 a 5 días el tiempo de respuesta a solicitudes ciudadanas antes del 30 de junio».',
      specific: 'Ejemplo: «Organizar reuniones semanales de seguimiento con mi equipo de trabajo».',
      measurable: 'Ejemplo: «Realizar 12 reuniones con minuta publicada».',
      achievable: 'Ejemplo: «Cuento con el apoyo de mi jefa y una sala disponible».',
      relevant: 'Ejemplo: «La coordinación del área depende de que todos conozcan las prioridades».',
      competencies: 'Pulsa una competencia otra vez para quitarla.',
      milestones:
        'Los hitos son pasos intermedios con fecha; en el avance semanal dirás si van en curso, en alerta o con restricción.',
    },
    coach: {
      ok_title: 'Buen título.',
      ok_specific: '¡Bien! Es específica.',
      ok_measurable: 'Perfecto: tiene un indicador medible.',
      ok_achievable: 'Anotado.',
      ok_relevant: 'Anotado.',
      title_short: 'El título es muy corto; usa al menos tres letras.',
      outside_window:
        'Esa fecha queda fuera del periodo de ejecución del ciclo: elige una entre el {{from}} y el {{to}}.',
      competencies_unknown: 'No reconocí alguna competencia. Usa los botones o sus números de la lista.',
      milestone_format:
        'Escribe el hito y su fecha separados por punto y coma, por ejemplo: «Primer informe; 30/04».',
      milestones_max: 'Puedes registrar hasta {{max}} hitos por meta.',
    },
    no_milestones: 'Sin hitos',
    field: {
      title: 'Título',
      specific: 'Específica',
      measurable: 'Medible',
      achievable: 'Alcanzable',
      relevant: 'Relevante',
      dueDate: 'Fecha límite',
      competencies: 'Competencias',
      milestones: 'Hitos',
    },
    summary: {
      title: 'Así quedó tu meta. ¿La envío a revisión de {{mentor}}?',
      edit_title: 'Tu meta, con los cambios. ¿La envío a revisión?',
      submit: 'Enviar a revisión',
      edit: 'Editar',
      choose: 'Elige «Enviar a revisión», «Editar» o «Cancelar».',
    },
    form: {
      title: 'Nueva meta SMART',
      milestones_hint: 'Un hito por línea: «título; fecha». Opcional.',
    },
    submitted: 'Enviada: «{{title}}» ya está con {{mentor}} para su revisión. Te aviso en cuanto responda.',
    edit_approved_warning: 'Esta meta ya está aprobada: si la cambias, volverá a revisión de {{mentor}}.',
    state: {
      draft: 'Borrador',
      submitted: 'En revisión',
      changes_requested: 'Con cambios solicitados',
      approved: 'Aprobada',
      achieved: 'Lograda',
      partly_achieved: 'Parcialmente lograda',
      not_achieved: 'No lograda',
      withdrawn: 'Retirada',
    },
  },
  goals: {
    mine_title: 'Tus metas',
    mine_title_count: 'Tus metas ({{count}} de {{max}} permitidas):',
    mentee_title: 'Metas de {{name}}',
    mentee_none: 'Aún no ha registrado metas.',
    plan_title: 'Tu plan de mentoría con {{name}} ({{count}} de {{max}} metas permitidas):',
    plan_of_mentor: 'Plan de mentoría que {{mentor}} lleva a cabo contigo',
    plan_none: '{{mentor}} aún no registra metas en el plan.',
    none_yet: 'Aún no tienes metas. Escribe «meta nueva» para empezar.',
    not_participant: 'No participas en ninguna pareja de mentoría activa.',
    staff_overview:
      'No participas en una pareja de este ciclo, así que no tienes metas ni sesiones propias. Para el ciclo: «pendientes» muestra las metas por estado, las alertas y las restricciones; «admin reporte», las metas y sesiones en cifras; «admin resultados», el detalle por participante.',
    state: 'Estado',
    edit: 'Editar',
    withdraw: 'Retirar',
    withdraw_confirm: '¿Seguro que quieres retirar «{{title}}»? No se puede deshacer.',
    withdraw_yes: 'Sí, retirar',
    withdraw_no: 'No, volver',
    withdrawn: 'Retiraste la meta «{{title}}».',
    withdrawn_told: '{{name}} retiró la meta «{{title}}».',
  },
  review: {
    approve: 'Aprobar',
    request_changes: 'Pedir cambios',
    request: {
      summary: '{{name}} envió la meta «{{title}}» para tu revisión',
      first: '{{name}} envió una meta para tu revisión:',
      again: '{{name}} envió una nueva versión (revisión {{revision}}) para tu revisión:',
      previous_comment: 'Tu comentario anterior: {{comment}}',
      hint: 'Al pedir cambios deberás escribir un comentario.',
      plan_summary: '{{name}} envió la meta «{{title}}» de su plan de mentoría para validar',
      plan_first:
        '{{name}} envió una meta de su plan de mentoría con {{colleague}}; como coordinación del programa, la validas o pides cambios:',
      plan_again:
        '{{name}} envió una nueva versión (revisión {{revision}}) de una meta de su plan de mentoría con {{colleague}}:',
      plan_previous_comment: 'Comentario anterior de la coordinación: {{comment}}',
    },
    outcome: {
      summary: '«{{title}}»: {{state}}',
      text: 'Meta de {{name}}: «{{title}}»',
      decided: '{{state}} · {{when}}',
      comment: 'Comentario: {{comment}}',
    },
    told: {
      approve: {
        summary: 'Tu meta «{{title}}» fue aprobada',
        text: '¡Buenas noticias! {{mentor}} aprobó tu meta «{{title}}». Ya puedes trabajar en ella; cada semana te pediré tu avance.',
      },
      request_changes: {
        summary: 'Tu meta «{{title}}» necesita cambios',
        text: '{{mentor}} pidió cambios en tu meta «{{title}}». Revisa el comentario y envíala de nuevo.',
      },
    },
    form: {
      title: 'Pedir cambios',
      comment: '¿Qué debe cambiar?',
      hint: 'Sé concreto: tu comentario le llegará a la persona mentorada.',
      submit: 'Enviar comentario',
    },
    already: 'Esta meta ya no espera tu decisión: está «{{state}}».',
    newer_revision:
      'Esta solicitud fue reemplazada por una versión más reciente (estado: «{{state}}»). Revisa el mensaje más nuevo.',
  },
  session: {
    minutes: '{{count}} min',
    ask: {
      with: '¿Con quién es la sesión?',
      when: '¿Cuándo? Escribe fecha y hora en tu zona horaria.',
      duration: '¿Cuánto durará?',
      place: '¿Dónde? Una sala, una dirección o un enlace de videollamada.',
      agenda: '¿Qué temas quieres tratar?',
    },
    hint: { when: 'Ejemplos: «mañana 10:00», «martes 16:30», «15/04 a las 9».' },
    summary: {
      title: 'Tu propuesta de sesión:',
      send: 'Enviar propuesta',
      choose: 'Elige «Enviar propuesta» o «Cancelar».',
    },
    field: {
      with: 'Con',
      when: 'Cuándo',
      duration: 'Duración',
      place: 'Lugar',
      agenda: 'Temas',
      state: 'Estado',
      reason: 'Motivo',
      notes: 'Notas',
    },
    proposed: 'Propuesta enviada a {{name}} para el {{when}}. Te aviso cuando responda.',
    proposal: {
      summary: '{{name}} propone una sesión de mentoría',
      text: '{{name}} propone una sesión de mentoría:',
      new_time: '{{name}} propone otro horario para la sesión:',
    },
    accept: 'Aceptar',
    counter: 'Proponer otro horario',
    decline: 'Rechazar',
    cancel: 'Cancelar sesión',
    add_to_calendar: 'Agregar al calendario (Outlook)',
    cancel_ask: '¿Cancelar la sesión con {{name}} del {{when}}? Le avisaré y su calendario la quitará.',
    cancel_yes: 'Sí, cancelarla',
    cancel_no: 'No, mantenerla',
    kept: 'Listo: la sesión con {{name}} del {{when}} sigue en pie.',
    reschedule: 'Cambiar horario',
    held: 'Sí, se realizó',
    not_held: 'No se realizó',
    confirmed: {
      summary: 'Sesión confirmada con {{name}}',
      text: 'Sesión confirmada con {{name}}. Adjunto la invitación para tu calendario.',
    },
    cancelled: {
      summary: 'Sesión cancelada con {{name}}',
      text: 'Se canceló la sesión con {{name}}. Adjunto la cancelación para tu calendario.',
    },
    answered: {
      accept: 'Aceptaste la sesión con {{name}} del {{when}}.',
      cancel: 'Cancelaste la sesión con {{name}} del {{when}}.',
    },
    ics: {
      title: 'Sesión de mentoría: {{mentor}} y {{mentee}}',
      description: 'Sesión de mentoría acordada en Mentoría.',
    },
    form: {
      decline_title: 'Rechazar la propuesta',
      held_title: 'La sesión se realizó',
      not_held_title: 'La sesión no se realizó',
      reason: 'Motivo',
      notes: 'Notas de la sesión',
      agreements: 'Acuerdos',
    },
    told: {
      decline:
        '{{name}} no puede en el horario propuesto ({{when}}). Motivo: {{reason}}. Puedes proponer otro con «sesión nueva».',
      held: '{{name}} registró como realizada la sesión del {{when}}.',
      not_held: '{{name}} registró que la sesión del {{when}} no se realizó. Motivo: {{reason}}.',
    },
    done: {
      decline: 'Rechazaste la propuesta de {{name}} para el {{when}}.',
      held: 'Registrada: la sesión con {{name}} del {{when}} se realizó. ¡Gracias!',
      not_held: 'Registrado: la sesión con {{name}} del {{when}} no se realizó.',
    },
    list: {
      title: 'Tus sesiones',
      none: 'No hay sesiones propuestas ni confirmadas.',
      held: 'Sesiones realizadas: {{count}} (mínimo del programa: {{min}}).',
    },
    state: {
      proposed: 'Propuesta',
      confirmed: 'Confirmada',
      declined: 'Rechazada',
      held: 'Realizada',
      not_held: 'No realizada',
      cancelled: 'Cancelada',
    },
  },
  milestone: {
    status: { on_track: 'En curso', alert: 'Alerta', restriction: 'Restricción', done: 'Cumplido' },
  },
  checkin: {
    intro_one: 'Avance semanal: te preguntaré por tu meta aprobada y sus hitos.',
    intro_other: 'Avance semanal: te preguntaré por tus {{count}} metas aprobadas y sus hitos.',
    no_goals: 'Aún no tienes metas aprobadas; el avance semanal empieza cuando se apruebe la primera.',
    note: 'Nota',
    ask: {
      progress: 'Meta «{{title}}»: ¿qué porcentaje de avance llevas (0 a 100)?',
      status: 'Hito «{{title}}» (para el {{due}}): ¿cómo va?',
      note_alert: 'Hito «{{title}}»: ¿qué riesgo ves?',
      note_restriction: 'Hito «{{title}}»: ¿qué ocurrió?',
      new_date: 'Hito «{{title}}»: ¿cuál es la nueva fecha?',
    },
    hint: {
      progress: 'Puedes añadir una nota tras el número: «40 terminé el primer borrador».',
      status: 'Alerta: ves un riesgo. Restricción: el problema ya ocurrió y el hito necesita nueva fecha.',
    },
    coach: {
      progress: 'Escribe un número del 0 al 100, por ejemplo «40» o «40 %».',
      note: 'Cuéntalo en una frase corta para que {{mentor}} pueda ayudarte.',
    },
    done: '¡Gracias! Tu avance de esta semana quedó registrado.',
    done_with_issues_one:
      '¡Gracias! Tu avance quedó registrado y le avisé a {{mentor}} de la alerta o restricción.',
    done_with_issues_other:
      '¡Gracias! Tu avance quedó registrado y le avisé a {{mentor}} de las {{count}} alertas o restricciones.',
    issue: {
      alert: '⚠️ {{name}} reporta una alerta en el hito «{{milestone}}» de la meta «{{goal}}».',
      alert_summary: 'Alerta de {{name}}: «{{milestone}}»',
      restriction: '⛔ {{name}} reporta una restricción en el hito «{{milestone}}» de la meta «{{goal}}».',
      restriction_summary: 'Restricción de {{name}}: «{{milestone}}»',
      note: 'Nota: {{note}}',
      rescheduled: 'Fecha reprogramada: del {{from}} al {{to}}.',
      reply: 'Responder',
      reply_label: 'Tu respuesta',
      resolve: 'Marcar resuelto',
      replied: 'Respondiste sobre «{{goal}}»: {{reply}}',
      resolved: 'Marcaste como resuelta la situación de «{{goal}}».',
      replied_told: '{{name}} respondió sobre tu meta «{{goal}}»: {{reply}}',
      resolved_told: '{{name}} marcó como resuelta la situación de tu meta «{{goal}}».',
    },
  },
  evaluation: {
    intro_one: 'Evaluación final: revisaremos la meta aprobada.',
    intro_other: 'Evaluación final: revisaremos {{count}} metas aprobadas, una a la vez.',
    all_done: 'Ya evaluaste a todas tus personas mentoradas.',
    not_yet:
      'Tu evaluación aún no está disponible: {{mentor}} la compartirá contigo en la conversación final.',
    ask: {
      with: '¿A quién vas a evaluar?',
      outcome: 'Meta «{{title}}»: ¿cuál fue el resultado?',
      rating: 'Calificación de la meta «{{title}}», de 1 a 5:',
      comment: 'Comentario sobre la meta «{{title}}»:',
      strengths: 'Fortalezas que observaste:',
      improvements: 'Áreas de mejora:',
      competency_notes: 'Notas sobre las competencias trabajadas:',
    },
    hint: {
      rating: '1 = muy por debajo de lo esperado, 5 = superó lo esperado.',
      strengths: 'Por ejemplo: «Escucha activa y constancia en las reuniones».',
      improvements: 'Por ejemplo: «Delegar tareas y dar seguimiento por escrito».',
    },
    coach: { required: 'Este dato es parte de la evaluación; escríbelo en una frase.' },
    field: { strengths: 'Fortalezas', improvements: 'Áreas de mejora', competency_notes: 'Competencias' },
    summary: { title: 'Resumen de la evaluación:', submit: 'Guardar evaluación' },
    saved:
      'Evaluación guardada. Compártela con {{name}} en su conversación final; cuando se haya realizado, pulsa el botón para entregársela.',
    release: 'Conversación final realizada: entregar a {{name}}',
    released_to: 'Entregaste la evaluación a {{name}} ({{when}}).',
    released: {
      summary: 'Tu evaluación final de {{name}}',
      text: 'Esta es la evaluación final que {{name}} compartió contigo:',
    },
    acknowledge: 'Acuso recibo',
    acknowledged_note: 'Recibida.',
    acknowledged_told: '{{name}} acusó recibo de su evaluación final.',
    state: { draft: 'Borrador', submitted: 'Guardada', released: 'Entregada', acknowledged: 'Recibida' },
  },
  survey: {
    intro: 'Cuatro preguntas rápidas sobre el programa; tus respuestas ayudan a mejorarlo.',
    start: 'Responder encuesta',
    ask: {
      satisfaction: '¿Cuál es tu grado de satisfacción con el programa? (1 a 5)',
      satisfaction_f: '¿Qué tan satisfecha estás con el programa? (1 a 5)',
      satisfaction_m: '¿Qué tan satisfecho estás con el programa? (1 a 5)',
      recommend: '¿Qué tan probable es que recomiendes el programa a un colega? (0 a 10)',
      comment: '¿Algún comentario sobre el programa?',
      mentor_note:
        '¿Algo que quieras decir sobre {{mentor}} como {{mentorWord}}? (solo lo verá la coordinación)',
    },
    hint: {
      satisfaction: '1 = nada de satisfacción, 5 = plena satisfacción.',
      satisfaction_f: '1 = nada satisfecha, 5 = muy satisfecha.',
      satisfaction_m: '1 = nada satisfecho, 5 = muy satisfecho.',
      recommend: '0 = nada probable, 10 = muy probable.',
    },
    coach: { satisfaction: 'Elige un número del 1 al 5.', recommend: 'Elige un número del 0 al 10.' },
    thanks: '¡Gracias por tus respuestas y por participar en el programa!',
  },
  pending: {
    title_one: 'Tienes 1 pendiente:',
    title_other: 'Tienes {{count}} pendientes:',
    none: '¡Todo al día! No tienes pendientes.',
    first_goal: 'Redacta tu primera meta.',
    first_goal_with: 'Redacta la primera meta de tu plan con {{name}}.',
    work_report: 'Entrega tu informe de trabajo del plan con {{name}}.',
    work_report_changes: 'La coordinación pidió cambios en tu informe de trabajo del plan con {{name}}.',
    plan_to_validate: 'Validar la meta «{{title}}» del plan de {{name}} con {{colleague}}.',
    report_to_validate: 'Validar el informe de trabajo de {{name}} (plan con {{colleague}}).',
    plan_issue: '{{status}} en el plan de {{name}}: {{note}}',
    goal_draft: 'Tu meta «{{title}}» está en borrador.',
    goal_changes_requested: 'Tu meta «{{title}}» tiene cambios solicitados.',
    waiting_mentor_one: '1 meta espera la revisión de {{mentor}}.',
    waiting_mentor_other: '{{count}} metas esperan la revisión de {{mentor}}.',
    checkin: 'Reporta tu avance de esta semana.',
    acknowledge: 'Tu evaluación final está lista: revísala y acusa recibo.',
    survey: 'Responde la encuesta de satisfacción del programa.',
    review: '{{name}} espera tu revisión de la meta «{{title}}».',
    issue: '{{name}}: {{status}} sin resolver — {{note}}',
    evaluate: 'Evalúa las metas de {{name}}.',
    release: 'Entrega la evaluación a {{name}} después de su conversación final.',
    session_answer: 'Propuesta de sesión por responder:',
    session_report: '¿Se realizó la sesión con {{name}} del {{when}}?',
    unreachable_one:
      'Aún no puedo escribirle a 1 persona: nunca abrió el bot y la plataforma no me deja llegar primero. Sus mensajes esperan a que escriba; pídele que abra el bot una vez:',
    unreachable_other:
      'Aún no puedo escribirles a {{count}} personas: nunca abrieron el bot y la plataforma no me deja llegar primero. Sus mensajes esperan a que escriban; pídeles que abran el bot una vez:',
    unreachable_line: '• {{name}} ({{email}}): $t(counted.message, {"count": {{messages}} }) en espera',
    failed_nudges_one:
      '1 recordatorio no se pudo entregar tras varios intentos (la persona ya no está en la plataforma o la plataforma no responde).',
    failed_nudges_other:
      '{{count}} recordatorios no se pudieron entregar tras varios intentos (la persona ya no está en la plataforma o la plataforma no responde).',
    overview:
      'Ciclo {{cycle}} ({{phase}}): metas que esperan aprobación: {{submitted}}; con cambios solicitados: {{changes}}; aprobadas: {{approved}}. Sin resolver: $t(counted.alert, {"count": {{alerts}} }) y $t(counted.restriction, {"count": {{restrictions}} }).',
  },
  nudge: {
    later: 'Recordármelo más tarde',
    later_done: 'De acuerdo, te lo recuerdo el {{when}}.',
    later_gone: 'Ese recordatorio ya no está vigente.',
    session_reminder: {
      summary: 'Recordatorio: sesión con {{name}}',
      text: 'Recordatorio: tienes una sesión con {{name}} en {{count}} h.',
    },
    session_outcome: { summary: '¿Se realizó tu sesión con {{name}}?' },
    endorsement_pending: {
      summary: '{{name}} espera tu aval',
      text: '{{name}} espera tu aval para postular al ciclo {{cycle}} desde el {{since}}. Sin tu respuesta, su postulación no puede avanzar.',
    },
    approval_pending: {
      summary: '{{name}} espera tu revisión',
      text: '{{name}} espera tu revisión de la meta «{{title}}» desde el {{since}}.',
    },
    goal_drafting: {
      summary: 'Es momento de definir tus metas',
      start: 'Comenzó el periodo de definición de metas: redacta tu primera meta antes del {{date}}.',
      deadline: 'El periodo de definición de metas termina el {{date}} y aún no has enviado una meta.',
    },
    checkin: {
      summary: 'Tu avance semanal',
      text: 'Es momento de tu avance semanal: ¿cómo van tus metas y sus hitos?',
    },
    evaluation_due: {
      summary: 'Evaluación final de {{name}}',
      text: 'El ciclo está en cierre: falta la evaluación final de {{name}}.',
    },
    work_report_due: {
      summary: 'Informe de trabajo del plan con {{name}}',
      text: 'El ciclo está en cierre: falta tu informe de trabajo del plan de mentoría con {{name}}. La coordinación del programa lo valida, y cuenta para tu diploma.',
      again:
        'La coordinación pidió cambios en tu informe de trabajo del plan con {{name}}: revísalo y envíalo de nuevo.',
    },
    welcome: {
      summary: 'Bienvenida a Mentoría',
      text: 'Hola, {{name}}: te damos la bienvenida al ciclo {{cycle}} del programa «{{program}}», donde participas como {{role}}. Escribe «ayuda» cuando quieras ver lo que puedo hacer.',
    },
    pairing_change: {
      summary: 'Cambio de pareja en el ciclo {{cycle}}',
      to_old_mentor:
        'La coordinación cambió la pareja de {{mentee}} en el ciclo {{cycle}}: desde hoy su persona mentora es {{mentor}}. Gracias por tu acompañamiento; las sesiones que realizaron quedan registradas.',
      to_old_mentor_f:
        'La coordinación cambió la pareja de {{mentee}} en el ciclo {{cycle}}: desde hoy la acompaña {{mentor}}. Gracias por tu acompañamiento; las sesiones que realizaron quedan registradas.',
      to_old_mentor_m:
        'La coordinación cambió la pareja de {{mentee}} en el ciclo {{cycle}}: desde hoy lo acompaña {{mentor}}. Gracias por tu acompañamiento; las sesiones que realizaron quedan registradas.',
      to_mentee:
        'La coordinación cambió tu pareja en el ciclo {{cycle}}: desde hoy tu persona mentora es {{mentor}} (antes, {{old}}). Tus metas y avances siguen contigo y las sesiones realizadas siguen contando.',
      to_mentee_f:
        'La coordinación cambió tu pareja en el ciclo {{cycle}}: desde hoy tu mentora es {{mentor}} (antes, {{old}}). Tus metas y avances siguen contigo y las sesiones realizadas siguen contando.',
      to_mentee_m:
        'La coordinación cambió tu pareja en el ciclo {{cycle}}: desde hoy tu mentor es {{mentor}} (antes, {{old}}). Tus metas y avances siguen contigo y las sesiones realizadas siguen contando.',
      to_new_mentor:
        'Desde hoy acompañas a {{mentee}} en el ciclo {{cycle}} (hasta ahora con {{old}}). Sus metas, avances e historial pasan a ti.',
      to_new_mentor_f:
        'Desde hoy acompañas a {{mentee}} en el ciclo {{cycle}} (hasta ahora con {{old}}). Sus metas, avances e historial pasan a ti.',
      to_new_mentor_m:
        'Desde hoy acompañas a {{mentee}} en el ciclo {{cycle}} (hasta ahora con {{old}}). Sus metas, avances e historial pasan a ti.',
      waiting_one: '{{count}} meta espera tu revisión: te la envío a continuación.',
      waiting_other: '{{count}} metas esperan tu revisión: te las envío a continuación.',
      cancelled_one: 'Se canceló la sesión agendada para el {{when}}.',
      cancelled_other: 'Se cancelaron las sesiones agendadas para: {{when}}.',
      cancelled_with_one:
        'Se canceló la sesión agendada con {{old}} para el {{when}}: propón una nueva a {{mentor}}.',
      cancelled_with_other:
        'Se cancelaron las sesiones agendadas con {{old}} ({{when}}): propón nuevas a {{mentor}}.',
    },
    introduction: {
      summary: 'Te presentamos a {{name}}',
      to_mentor:
        'Te presentamos a {{name}}, a quien acompañarás en «{{cycle}}». Escríbele y acuerden su primera sesión.',
      to_mentee:
        'Te presentamos a {{name}}: te acompañará como persona mentora en «{{cycle}}». Escríbele y acuerden su primera sesión.',
      to_mentee_f:
        'Te presentamos a {{name}}: será tu mentora en «{{cycle}}». Escríbele y acuerden su primera sesión.',
      to_mentee_m:
        'Te presentamos a {{name}}: será tu mentor en «{{cycle}}». Escríbele y acuerden su primera sesión.',
      where: 'Unidad e institución',
      email: 'Correo',
      shared: 'Temas en común',
      next: 'Para proponer fecha y hora, escribe «sesión nueva».',
    },
    admin_digest: {
      summary_one: 'Ciclo {{cycle}}: 1 asunto necesita tu atención',
      summary_other: 'Ciclo {{cycle}}: {{count}} asuntos necesitan tu atención',
      title_one: 'Resumen semanal del ciclo {{cycle}}: 1 asunto necesita a una persona.',
      title_other: 'Resumen semanal del ciclo {{cycle}}: {{count}} asuntos necesitan a una persona.',
      today_one:
        'Ciclo {{cycle}}, hoy: 1 asunto necesita a una persona y no conviene esperar al resumen semanal.',
      today_other:
        'Ciclo {{cycle}}, hoy: {{count}} asuntos necesitan a una persona y no conviene esperar al resumen semanal.',
      restrictions:
        '• $t(counted.restriction, {"count": {{restrictions}} }) y $t(counted.alert, {"count": {{alerts}} }) sin resolver: revísalas con la pareja en «pendientes».',
      failed_one:
        '• 1 recordatorio no se pudo entregar esta semana (la plataforma rechazó a la persona o al bot): mira en «pendientes» si la persona sigue en el espacio de trabajo.',
      failed_other:
        '• {{count}} recordatorios no se pudieron entregar esta semana (la plataforma rechazó a las personas o al bot): mira en «pendientes» si siguen en el espacio de trabajo.',
      unreachable_one:
        '• Aún no puedo escribirle a 1 persona (nunca abrió el bot): pídele que lo abra una vez.',
      unreachable_other:
        '• Aún no puedo escribirles a {{count}} personas (nunca abrieron el bot): pídeles que lo abran una vez.',
      unreachable_person: '   – {{name}} ({{email}})',
      no_email: 'sin correo registrado',
      unreachable_more: '   … y {{count}} más en «pendientes».',
      unpaired_one:
        '• 1 persona mentorada sigue sin pareja y la definición de metas ya empezó: «admin sugerir parejas» o «admin emparejar».',
      unpaired_other:
        '• {{count}} personas mentoradas siguen sin pareja y la definición de metas ya empezó: «admin sugerir parejas» o «admin emparejar».',
      waiting_one:
        '• 1 consulta de tu gente lleva más de 5 minutos sin respuesta: el bot va atrasado. No se pierde nada y se responde en orden; si sigue así, avisa a quien administra el servidor del bot.',
      waiting_other:
        '• {{count}} consultas de tu gente llevan más de 5 minutos sin respuesta: el bot va atrasado. No se pierde nada y se responden en orden; si sigue así, avisa a quien administra el servidor del bot.',
    },
  },
  admin: {
    role: {
      admin: 'persona administradora',
      admin_f: 'administradora',
      admin_m: 'administrador',
      director: 'persona directora',
      director_f: 'directora',
      director_m: 'director',
    },
    granted: 'Listo: {{name}} ahora es {{role}} del programa.',
    granted_told: '{{name}} te nombró {{role}} del programa en Mentoría.',
    already: '{{name}} ya es {{role}}.',
    self: 'No puedes cambiar tu propio rol: pídeselo a otra persona administradora.',
    not_role: '{{name}} no es {{role}}: no hay nada que quitar.',
    configured:
      '{{name}} figura en ADMIN_EMAILS: quítalo de la configuración del bot para que deje de administrar el programa.',
    revoked: 'Listo: {{name}} ya no es {{role}} del programa.',
    revoked_told: '{{name}} te quitó el rol de {{role}} del programa en Mentoría.',
    unknown_person:
      'No encontré a nadie con el correo {{email}}. Importa primero la nómina o pídele que escriba al bot.',
  },
  diploma: {
    title: 'Diploma de participación',
    granted_to: 'Se otorga a',
    text: 'por haber completado su participación como {{role}} en el programa «{{program}}», ciclo {{cycle}}, del {{from}} al {{to}}.',
    footer: 'Programa de mentoría — emitido con Mentoría',
    issued: 'Emitido el {{date}} · Certificado N.º {{number}}',
    verify_at: 'Verifica su autenticidad en {{url}}',
    verify_with: 'Su autenticidad puede confirmarse ante {{institution}} con el número del certificado.',
  },
  chart: {
    proposed: 'Propuestas',
    held: 'Realizadas',
    none: 'ninguna',
    alt: 'Gráfico. {{title}}. {{groups}}.',
  },
  files: {
    results: 'resultados',
    diplomas: 'diplomas',
    chart: 'grafico',
    session: 'sesion-mentoria',
    session_cancelled: 'sesion-cancelada',
    unavailable:
      'No puedo adjuntar {{name}} en este chat, y este servidor no tiene dirección pública para enlaces de descarga: pídele a quien administra Mentoría que configure PUBLIC_URL, o pide el archivo desde Slack o la consola.',
    unavailable_calendar:
      'No puedo adjuntar la invitación ({{name}}) en este chat: si la sesión sigue en pie, usa «Agregar al calendario (Outlook)»; si se canceló, quítala de tu calendario.',
  },
  work_report: {
    form: {
      title: 'Informe de trabajo',
      submit: 'Enviar a la coordinación',
      body: 'Qué hicieron en el plan de mentoría con {{name}}, y qué resultados tuvo',
      hint: 'Cuenta las sesiones, las metas del plan y lo que se logró. Si tienes un documento, compártelo aquí después (PDF o Word).',
    },
    changes_asked: 'La coordinación pidió cambios: {{comment}}',
    sent: 'Listo: envié tu informe de trabajo a la coordinación del programa para que lo valide. Si tienes un documento, compártelo aquí (PDF o Word) y lo adjunto.',
    sent_again:
      'Listo: envié la versión {{revision}} de tu informe de trabajo a la coordinación del programa.',
    already_validated:
      'Tu informe de trabajo ya fue validado el {{date}}: tu plan de mentoría quedó cumplido.',
    paper_intro:
      'Informe de trabajo de {{name}} desde un formulario en papel. Quedará registrado que lo ingresaste tú.',
    paper_none:
      '{{name}} no acompaña a nadie en un programa de mentoría inversa: no tiene informe de trabajo.',
    paper_told:
      '{{admin}} ingresó tu informe de trabajo desde el formulario en papel y lo envió a validación.',
    paper_sent: 'Listo: envié a validación el informe de trabajo de {{name}}, registrado en su nombre.',
    edit: 'Editar el informe',
    attach_first:
      'Para adjuntar un documento al informe de trabajo, primero escribe «informe» y envía el texto; después comparte aquí el archivo.',
    file_too_big: '«{{name}}» pesa más de {{max}} MB: comparte una versión más liviana.',
    attached: 'Adjunté «{{name}}» a tu informe de trabajo; la coordinación puede descargarlo.',
    attached_resend:
      'Adjunté «{{name}}» a tu informe de trabajo. La coordinación pidió cambios: cuando lo corrijas, escribe «informe» y envíalo de nuevo.',
    attached_told: '{{name}} adjuntó «{{file}}» a su informe de trabajo.',
    no_file: 'Este informe no tiene un archivo adjunto.',
    file_text: 'El archivo del informe de trabajo: «{{name}}».',
    newer_revision: 'Hay una versión más reciente de este informe (versión {{revision}}): decide sobre esa.',
    already_validated_admin: 'Este informe ya fue validado: no cambié nada.',
    already_sent_back: 'A este informe ya se le pidieron cambios: no cambié nada.',
    review: {
      first: '{{name}} entregó su informe de trabajo del plan de mentoría con {{colleague}}:',
      again:
        '{{name}} envió una nueva versión (versión {{revision}}) de su informe de trabajo del plan con {{colleague}}:',
      previous_comment: 'Comentario anterior de la coordinación: {{comment}}',
      file: 'Adjunto: «{{name}}».',
      validate: 'Validar informe',
      request_changes: 'Pedir cambios',
      download: 'Descargar el archivo',
      comment: 'Qué debe cambiar o completar',
    },
    told: {
      validate: '{{admin}} validó tu informe de trabajo: tu plan de mentoría quedó cumplido. ¡Gracias!',
      request_changes: '{{admin}} pidió cambios en tu informe de trabajo.',
      colleague:
        'La coordinación validó el informe de trabajo de {{name}}: el plan de mentoría que llevaron a cabo quedó cumplido.',
    },
    decided: {
      validate: 'Validado: informe de trabajo de {{name}} (plan con {{colleague}}, versión {{revision}}).',
      request_changes:
        'Se pidieron cambios: informe de trabajo de {{name}} (plan con {{colleague}}, versión {{revision}}).',
    },
  },
  ai: {
    button: 'Sugerencia de IA',
    intro:
      'Una sugerencia del coach de IA ({{model}}), que solo vio el texto de tu meta y las fechas del ciclo. La decides tú: úsala (y edítala si quieres) o deja la tuya.',
    accept: 'Usar esta versión',
    ignore: 'Dejar la mía',
    accepted: 'Listo, usé la sugerencia. Revísala y edítala si quieres antes de enviarla.',
    ignored: 'De acuerdo, tu meta queda como la escribiste.',
    unavailable: 'El coach de IA no está activo en tu institución.',
    limit_one: 'Ya pediste {{count}} sugerencia de IA hoy, el máximo: mañana puedes pedir otra.',
    limit_other: 'Ya pediste {{count}} sugerencias de IA hoy, el máximo: mañana puedes pedir más.',
    failed: {
      timeout: 'El coach de IA no respondió a tiempo; tu meta sigue igual.',
      refused: 'El coach de IA no hizo una sugerencia para esta meta; tu meta sigue igual.',
      malformed: 'El coach de IA respondió algo que no pude usar; tu meta sigue igual.',
      error: 'No pude consultar al coach de IA ahora; tu meta sigue igual.',
    },
    admin: {
      on: 'Listo: el coach de IA ({{model}}) queda activo para tu institución. Cada persona puede pedir hasta {{count}} sugerencias al día; solo se envían el texto de la meta y las fechas del ciclo. Quedó registrado en la auditoría.',
      off: 'Listo: el coach de IA queda desactivado para tu institución. Quedó registrado en la auditoría.',
      status_on:
        'El coach de IA ({{model}}) está activo para tu institución. Escribe «admin coach ia no» para desactivarlo.',
      status_off:
        'El coach de IA está desactivado para tu institución. Escribe «admin coach ia sí» para activarlo.',
      not_configured:
        'Este servidor no tiene un modelo de IA configurado (LLM_BASE_URL y LLM_MODEL): quien opera Mentoría debe configurarlo antes.',
    },
  },
  my_data: {
    title: 'Lo que Mentoría guarda de ti',
    profile: 'Perfil: {{name}}, {{email}}, idioma {{language}}, zona horaria {{zone}}.',
    records: 'Registros: {{goals}}, {{sessions}}, {{checkins}}.',
    goals_one: '{{count}} meta',
    goals_other: '{{count}} metas',
    sessions_one: '{{count}} sesión',
    sessions_other: '{{count}} sesiones',
    checkins_one: '{{count}} avance semanal',
    checkins_other: '{{count}} avances semanales',
    ai_none: 'No has consultado al coach de IA.',
    ai_one:
      'Consultaste al coach de IA {{count}} vez (solo se envió el texto de la meta y las fechas del ciclo):',
    ai_other:
      'Consultaste al coach de IA {{count}} veces (solo se envió el texto de la meta y las fechas del ciclo):',
    ai_line: '• {{when}} · «{{goal}}» · {{model}} · {{outcome}}',
    ai_outcome: {
      suggested: 'sugerencia no usada',
      accepted: 'sugerencia usada',
      timeout: 'sin respuesta a tiempo',
      refused: 'sin sugerencia',
      malformed: 'respuesta no válida',
      error: 'sin conexión',
    },
    rights:
      'Para una copia completa de tus datos o para que se borren, pídelo a la coordinación del programa («admin exportar» / «admin borrar»).',
  },
  certificates: {
    form: {
      title: 'Diplomas del programa',
      submit: 'Guardar',
      institution: 'Institución que otorga el diploma',
      institution_hint:
        'Tal como debe aparecer en el diploma, p. ej. «Servicio Civil» o «Secretaría de la Función Pública».',
      institution_bad: 'Escribe el nombre de la institución (al menos 2 caracteres).',
      signer_name: 'Firma {{n}}: nombre',
      signer_position: 'Firma {{n}}: cargo',
      signer_hint: 'Hasta tres firmas; deja vacías las que no uses.',
      signer_name_missing: 'Falta el nombre de quien firma (o deja vacío también el cargo).',
      signer_position_missing: 'Falta el cargo de quien firma (o deja vacío también el nombre).',
    },
    saved: 'Listo: guardé cómo se ven los diplomas de «{{program}}». Quedó registrado en la auditoría.',
    signatories: 'Firmas',
    no_signatories: 'ninguna',
    logo: 'Logo',
    logo_set: 'sí',
    no_logo: 'sin logo',
    logo_hint:
      'Para poner el logo, comparte aquí una imagen PNG (hasta {{max}} KB). Los diplomas ya emitidos conservan su número; los que descargues desde ahora se ven así.',
    sample: 'Ver un diploma de ejemplo',
    remove_logo: 'Quitar el logo',
    sample_name: 'Nombre Apellido Apellido',
    sample_number: 'MUESTRA',
    sample_file: 'diploma-muestra',
    sample_text: 'Así se ve un diploma de «{{program}}» (un ejemplo: no se emitió ningún certificado).',
    sample_no_design:
      'Así se ve hoy un diploma de «{{program}}» (un ejemplo: no se emitió ningún certificado). Para poner la institución, las firmas y el logo, escribe «admin diploma ajustes».',
    logo_which: 'Recibí «{{name}}» ({{width}} × {{height}} px). ¿En los diplomas de qué programa lo uso?',
    use_for: 'Usar en «{{program}}»',
    logo_saved:
      'Listo: los diplomas de «{{program}}» llevan ahora este logo. Quedó registrado en la auditoría.',
    logo_removed: 'Listo: quité el logo de los diplomas de «{{program}}».',
    no_logo_to_remove: 'Los diplomas de este programa ya no tenían logo.',
    logo_cancelled: 'Listo, no cambié el logo.',
    logo_problem: {
      not_png:
        '«{{name}}» no es una imagen PNG: para el logo, guarda la imagen como PNG y compártela de nuevo.',
      too_big: '«{{name}}» pesa más de {{max}} KB: reduce la imagen y compártela de nuevo.',
      dimensions: '«{{name}}» debe medir entre 16 y 4000 píxeles por lado.',
      unreadable:
        'No pude leer «{{name}}» como imagen (quizá está dañada): guárdala de nuevo como PNG y compártela.',
      no_design:
        'Primero escribe «admin diploma ajustes» para poner el nombre de la institución y las firmas; luego vuelve a compartir el logo.',
    },
    verify_usage: 'Escribe «admin verificar <número>» con el número que aparece en el diploma.',
    page: {
      valid: 'Certificado válido',
      unknown: 'Certificado no encontrado',
      holder:
        '{{name}} recibió este diploma en el ciclo «{{cycle}}» del programa «{{program}}», otorgado por {{institution}} el {{date}}.',
      holder_no_institution:
        '{{name}} recibió este diploma en el ciclo «{{cycle}}» del programa «{{program}}», emitido el {{date}}.',
      number: 'Número de certificado: {{number}}.',
      not_found:
        'No existe un certificado con ese número. Revisa que esté escrito como aparece en el diploma.',
      malformed:
        'Eso no es un número de certificado: tiene 12 letras y números en tres grupos, como 7K3Q-9XPD-2HRM.',
    },
  },
  diplomas: {
    title: 'Diplomas del ciclo {{cycle}} ({{who}}): cumplen los requisitos {{count}} de {{total}}',
    who: {
      mentor: 'personas mentoras',
      mentee: 'personas mentoradas',
      both: 'todas las personas participantes',
    },
    not_yet: 'Aún no cumplen ({{count}}):',
    nobody:
      'Nadie cumple aún los requisitos del diploma del ciclo {{cycle}}: este archivo no tiene diplomas.',
    rule: 'Requisitos: al menos {{sessions}} sesiones 1:1 realizadas, {{attendance}} % de asistencia a plenarias y la evaluación final entregada.',
    rule_reverse:
      'Requisitos: al menos {{sessions}} sesiones 1:1 realizadas, {{attendance}} % de asistencia a plenarias y el plan de mentoría cumplido (informe de trabajo validado).',
  },
  privacy: {
    notice: {
      title: 'Tus datos en Mentoría',
      kept: 'Guardo lo que registras en el programa: tu perfil (nombre, correo, unidad), tus metas con sus versiones e hitos, las sesiones, los avances semanales, la evaluación final y la encuesta.',
      who: 'Lo ven tu pareja de mentoría y la coordinación del programa; las notas de cada sesión solo las ve la pareja, la evaluación la ves cuando se te entrega, y la dirección ve estados y cifras, no lo que escribes.',
      until_erased: 'Se conserva mientras el programa lo necesite, hasta que pidas borrarlo.',
      retention_one:
        'Se anonimiza {{count}} mes después del cierre de tu último ciclo (las cifras del programa se conservan).',
      retention_other:
        'Se anonimiza {{count}} meses después del cierre de tu último ciclo (las cifras del programa se conservan).',
      rights:
        'Puedes pedir a la coordinación una copia de tus datos o que se borren; «historial» te muestra lo registrado sobre tu pareja.',
      kept_staff:
        'Guardo tu perfil (nombre y correo) y, en la auditoría, cada cambio que haces y cada historial o archivo de otra persona que consultas: qué, cuándo y desde dónde.',
      who_staff:
        'Lo que registran las y los participantes lo ves según tu rol: la coordinación no ve las notas de cada sesión, que son de la pareja, y la dirección ve estados, fechas y cifras, no lo que cada persona escribe.',
      rights_staff:
        'La auditoría la ve la coordinación («admin auditoría»). Puedes pedir una copia de tus datos o que se borren cuando dejes tu rol.',
    },
    exported:
      'Datos de {{name}}: todo lo que guardamos, en el archivo adjunto. Quedó registrado en la bitácora.',
    confirm:
      '¿Anonimizar a {{name}} ({{email}})? Se borran su nombre, correo, identidades de chat, conversaciones y recordatorios, y los textos de sus metas y sesiones; las cifras del ciclo se conservan. No se puede deshacer.',
    erase: 'Anonimizar',
    not_yourself:
      'No puedes anonimizar tu propia cuenta desde el chat: pídeselo a otra persona administradora.',
    already: 'Esa persona ya fue anonimizada.',
    erased:
      'Listo: {{name}} fue anonimizada ($t(counted.goal, {"count": {{goals}} }) y $t(counted.session, {"count": {{sessions}} }) sin textos). Quedó registrado en la bitácora.',
  },
  workspace: {
    missing_scope:
      'Mentoría no puede completar una acción en este espacio de trabajo de Slack: a la aplicación le falta el permiso «{{scope}}». Los recordatorios esperan hasta que se reinstale la aplicación con ese permiso ({{where}}).',
    app_settings: 'desde la configuración de la aplicación en api.slack.com',
    resumed_summary: 'Mentoría vuelve a escribir aquí',
    where: {
      slack: 'este espacio de trabajo de Slack',
      teams: 'tu organización en Microsoft Teams',
      other: 'esta plataforma',
    },
    resumed:
      'Mentoría vuelve a escribir en {{where}}. Desde el {{from}} hasta el {{to}} no pudo: {{reason}}. Mientras tanto nadie recibió mensajes del bot ni se perdió nada.',
    resumed_waited_zero: 'Ningún recordatorio quedó esperando.',
    resumed_waited_one: '1 recordatorio esperó y sale ahora.',
    resumed_waited_other: '{{count}} recordatorios esperaron y salen ahora.',
    resumed_action:
      'Si vuelve a pasar, pide a quien administra el espacio de trabajo que reinstale la aplicación, o avisa a quien opera Mentoría.',
    reason: {
      revoked: 'se revocó el permiso de la aplicación',
      invalid: 'la credencial de la aplicación dejó de ser válida',
      expired: 'la credencial de la aplicación caducó y no se renovó',
      withdrawn: 'el espacio de trabajo retiró el acceso de la aplicación',
      credentials:
        'Microsoft rechazó las credenciales del bot (su secreto o certificado de aplicación venció o cambió)',
      not_installed: 'la aplicación no estaba instalada',
      other: 'la plataforma rechazó la credencial de la aplicación ({{code}})',
    },
  },
  download: {
    confirm_summary: '¿Abriste un enlace de descarga?',
    confirm:
      'Alguien abrió tu enlace personal de descarga ({{file}}, ciclo {{cycle}}) el {{when}}, desde {{browser}}. Si fuiste tú, confírmalo y la descarga continúa en ese navegador. Si no fuiste tú, no lo confirmes.',
    approve: 'Sí, fui yo: descargar',
    approved: 'Confirmado: la descarga continúa en tu navegador.',
    already: 'Esa descarga ya estaba confirmada.',
    expired: 'Esa solicitud venció: abre el enlace otra vez.',
    waiting:
      'Para proteger estos datos, confirma en Slack o Teams que eres tú: te envié un mensaje con un botón. Esta página se actualiza sola.',
    throttled:
      'Hace un momento ya pedí confirmar esta descarga, desde otro navegador: confírmala allí, o vuelve a abrir el enlace en unos minutos.',
    confirm_file:
      'Alguien abrió tu enlace personal de descarga ({{file}}) el {{when}}, desde {{browser}}. Si fuiste tú, confírmalo y la descarga continúa en ese navegador. Si no fuiste tú, no lo confirmes.',
    browser: '{{browser}} en {{system}}',
    unknown_browser: 'un navegador que no reconozco',
  },
  results: {
    sheet: 'Resultados',
    title: 'Resultados por participante del ciclo {{cycle}}',
    summary_one:
      '{{count}} participante. Diploma ({{who}}): cumplen los requisitos {{eligible}} de {{total}}.',
    summary_other:
      '{{count}} participantes. Diploma ({{who}}): cumplen los requisitos {{eligible}} de {{total}}.',
    not_applicable: 'no aplica',
    yes: 'sí',
    no: 'no',
    gender: { f: 'mujer', m: 'hombre', x: 'otro', n: 'prefiere no decir' },
    column: {
      name: 'Nombre',
      email: 'Correo',
      role: 'Rol',
      gender: 'Género',
      institution: 'Institución',
      region: 'Región',
      partner: 'Pareja',
      goals: 'Metas',
      approved: 'Aprobadas',
      achieved: 'Logradas',
      partly_achieved: 'Parcialmente logradas',
      not_achieved: 'No logradas',
      sessions_held: 'Sesiones 1:1 realizadas',
      attendance: 'Asistencia a plenarias (%)',
      evaluation: 'Evaluación final',
      satisfaction: 'Satisfacción (1–5)',
      recommend: 'Recomendaría el programa (0–10)',
      diploma: 'Diploma',
      missing: 'Le falta',
    },
    goal_sheet: 'Metas',
    goal_column: {
      mentee: 'Persona mentorada',
      email: 'Correo',
      mentor: 'Persona mentora',
      title: 'Meta',
      state: 'Estado',
      due: 'Fecha límite',
      milestones: 'Hitos cumplidos',
      outcome: 'Resultado en la evaluación final',
      rating: 'Calificación (1–5)',
    },
    missing: {
      no_pair: 'sin pareja de mentoría',
      sessions: 'menos sesiones 1:1 que el mínimo',
      attendance: 'asistencia a plenarias bajo el mínimo',
      evaluation: 'sin evaluación final entregada',
      report: 'sin informe de trabajo validado (plan no cumplido)',
    },
    files: 'Archivos: resultados en Excel y CSV.',
    link: 'Descargar {{name}} (enlace personal, vence el {{until}})',
  },
  roster: {
    invalid: {
      email: 'no es un correo válido',
      name_empty: 'falta el nombre',
      name_long: 'el nombre supera los 200 caracteres',
      role: 'el rol debe ser mentor (o mentora, persona mentora), mentee (o mentorado, mentorada, persona mentorada), admin o director',
      gender:
        'el género debe ser mujer, hombre, no binario, prefiero no decir (o Femenino/Masculino, F/M, H/M, x, n)',
      gender_ambiguous:
        '«{{value}}» puede ser Mujer (H/M) o Masculino (F/M) y el archivo no muestra cuál: escribe Mujer u Hombre, o usa H para hombres o F para mujeres en alguna línea',
      level: 'el nivel debe ser un número entero de 0 a 100',
      text_long: 'supera los 200 caracteres',
      birth_year: 'el año de nacimiento debe ser un año',
      locale: 'el idioma debe ser es o en',
      timezone: 'la zona horaria debe ser una zona IANA, como America/Santiago',
      topics: 'como máximo 20 temas de hasta 80 caracteres cada uno',
      missing: 'falta o no es válido',
      role_change: 'ya participa en este ciclo como {{role}}; un cambio de rol no se hace desde la nómina',
      withdrawn: 'se retiró de este ciclo el {{date}}; la nómina no vuelve a inscribir a quien se retiró',
      duplicate: '{{email}} ya está en la línea {{line}}',
      not_in_roster: 'no está en la nómina',
    },
  },
  upload: {
    which_cycle: '¿A qué ciclo corresponde «{{name}}»? Hay varios en curso; aún no importé nada.',
    not_csv:
      'Solo puedo leer planillas: CSV (.csv, .txt) o Excel (.xlsx), y una imagen PNG como logo de los diplomas; «{{name}}» no es ninguna de ellas.',
    binary:
      '«{{name}}» no es una planilla de texto ni un Excel (parece una imagen, un PDF u otro archivo binario): no se importó nada.',
    detected_csv: 'Leído como CSV en {{encoding}}, con «{{separator}}» entre columnas.',
    detected_xlsx: 'Leído como planilla Excel (primera hoja).',
    unknown_ignored: 'Columnas que no reconozco y no se importan: {{columns}}.',
    gender_codes: 'Géneros de una letra leídos como {{codes}}.',
    too_big:
      'El archivo supera {{max}} MB. Para archivos grandes usa «mentoria roster import» en el servidor.',
    unreadable:
      'No pude leer «{{name}}» como planilla. Revisa que tenga una fila de encabezados y columnas separadas por «,» o «;».',
    unknown_columns:
      'No reconozco estas columnas: {{columns}}. Una nómina lleva correo, nombre y rol (email, name, role; y opcionalmente género, nivel, unidad, institución, región, año de nacimiento, idioma, zona horaria, temas); unas parejas, correo mentor y correo mentorado (mentor_email, mentee_email).',
    empty: '«{{name}}» no tiene filas bajo los encabezados.',
    roster_summary:
      'Nómina «{{name}}» para el ciclo {{cycle}}: $t(counted.line, {"count": {{lines}} }), $t(counted.valid, {"count": {{valid}} }), {{invalid}} con problemas.',
    pairs_summary:
      'Parejas «{{name}}» para el ciclo {{cycle}}: $t(counted.line, {"count": {{lines}} }), {{invalid}} con problemas.',
    problem: '• línea {{line}}: {{problems}}',
    import: 'Importar ({{count}})',
    import_valid: 'Importar las válidas ({{count}})',
    nothing_yet: 'Aún no se guardó nada: revisa el resumen y confirma.',
    fix_and_resend: 'Corrige el archivo y vuelve a compartirlo; no se guardó nada.',
    cancelled: 'Listo, no se importó nada.',
    roster_done:
      'Nómina importada en el ciclo {{cycle}}: $t(counted.new_person, {"count": {{created}} }), $t(counted.updated, {"count": {{updated}} }), $t(counted.skipped_line, {"count": {{skipped}} }).',
    pairs_done: 'Parejas importadas en el ciclo {{cycle}}: {{created}}.',
    pairs_refused_one: 'No se importó ninguna pareja: 1 línea no cumple las reglas del programa.',
    pairs_refused_other: 'No se importó ninguna pareja: {{count}} líneas no cumplen las reglas del programa.',
  },
  applications: {
    change_supervisor: 'Cambiar jefatura',
    withdraw: 'Retirar postulación',
    withdrawn: 'Retiraste tu postulación. Puedes volver a postular mientras la convocatoria siga abierta.',
    not_pending: 'Esa postulación ya no está pendiente: no hay nada que cambiar.',
    supervisor_same: '{{supervisor}} ya es la jefatura de esta postulación.',
    supervisor_changed: 'Listo: le pedí el aval a {{supervisor}}.',
    supervisor_changed_told:
      '{{admin}} cambió la jefatura de tu postulación: ahora le pedimos el aval a {{supervisor}}.',
    paper_endorse: 'Aval en papel',
    paper_endorsed: 'Listo: registré el aval en papel de la postulación de {{name}}. Quedó en la bitácora.',
    paper_endorsed_told: '{{admin}} registró el aval de tu jefatura desde un formulario en papel.',
    role: { mentor: 'persona mentora', mentee: 'persona mentorada' },
    endorsement: { pending: 'aval pendiente', endorsed: 'avalada', declined: 'sin aval' },
    state: { submitted: 'en revisión', selected: 'seleccionada', rejected: 'no seleccionada' },
    window_past:
      'Esa fecha ya pasó: indica un día futuro, por ejemplo «admin abrir postulaciones hasta el 15 de diciembre».',
    opened:
      'Postulaciones abiertas para el ciclo {{cycle}} hasta el {{until}} inclusive. Las personas postulan escribiendo «postular».',
    closed: 'Postulaciones cerradas para el ciclo {{cycle}}.',
    none_open: 'No hay postulaciones abiertas en este momento.',
    already_enrolled: 'Ya participas en el ciclo {{cycle}}: no necesitas postular.',
    already_applied: 'Ya enviaste tu postulación a este ciclo.',
    status:
      'Tu postulación al ciclo {{cycle}} como {{role}}: {{endorsement}}, {{state}}. Te aviso cuando haya novedades.',
    form: {
      title: 'Postulación',
      submit: 'Enviar postulación',
      intro:
        'Postulación al ciclo {{cycle}} (abierta hasta el {{until}}). Tu jefatura recibirá una solicitud de aval.',
      role: 'Quiero participar como',
      motivation: 'Motivación',
      topics: 'Temas que te interesan',
      topics_hint: 'Hasta 10 temas separados por «;», por ejemplo: liderazgo; datos.',
      supervisor: 'Correo de tu jefatura',
      supervisor_hint: 'Quien avala tu participación.',
      bad_email: 'Escribe un correo válido, por ejemplo jefa@institucion.gob.',
      not_yourself: 'Tu jefatura debe ser otra persona.',
    },
    submitted: 'Postulación enviada. Le pedí el aval a {{supervisor}}; te aviso cuando responda.',
    endorse_ask: {
      summary: '{{name}} pide tu aval para el programa de mentoría',
      text: '{{name}} postula como {{role}} al ciclo {{cycle}} del programa de mentoría y te indicó como su jefatura. ¿Avalas su participación?',
    },
    endorse: 'Avalar',
    decline: 'No avalar',
    endorse_already: 'Ya respondiste la solicitud de aval de {{name}}.',
    endorsed_told: '{{name}} avaló tu postulación. Ahora la revisa la coordinación del programa.',
    declined_told:
      '{{name}} no avaló tu postulación. Si crees que es un error, habla con tu jefatura o con la coordinación.',
    endorsed_done: 'Avalaste la postulación de {{name}}. ¡Gracias!',
    declined_done: 'Registré que no avalas la postulación de {{name}}.',
    list_title: 'Postulaciones al ciclo {{cycle}}: {{count}}',
    list_empty: 'Aún no hay postulaciones. Ábrelas con «admin abrir postulaciones hasta <fecha>».',
    line: '*{{name}}* — {{role}} — jefatura: {{supervisor}} ({{endorsement}}) — {{state}}',
    select: 'Seleccionar',
    reject: 'No seleccionar',
    needs_endorsement: 'Para seleccionar a {{name}} falta el aval de su jefatura ({{endorsement}}).',
    decided_already: 'La postulación de {{name}} ya fue decidida ({{state}}).',
    selected_told:
      '¡Buenas noticias! Tu postulación al ciclo {{cycle}} como {{role}} fue seleccionada. Pronto te presentaremos a tu pareja de mentoría.',
    rejected_told:
      'Gracias por postular al ciclo {{cycle}}. En esta ocasión tu postulación no fue seleccionada; te esperamos en una próxima convocatoria.',
    selected_done: 'Listo: seleccioné la postulación de {{name}} y le inscribí en el ciclo. Se le avisó.',
    rejected_done: 'Listo: la postulación de {{name}} no fue seleccionada. Se le avisó.',
  },
  plenary: {
    form: {
      title: 'Plenaria nueva',
      submit: 'Programar plenaria',
      for_cycle:
        'Plenaria del ciclo {{cycle}}: todas las personas participantes recibirán el aviso y, al comenzar, el botón para marcar asistencia.',
      name: 'Título',
      date: 'Fecha',
      time: 'Hora ({{zone}})',
      minutes: 'Duración en minutos',
      bad_time: 'Escribe la hora como HH:MM, por ejemplo 10:30.',
      edit_title: 'Cambiar plenaria',
      edit_submit: 'Guardar cambios',
      edit_for: 'Cambios a la plenaria «{{title}}»: todas las personas participantes recibirán el aviso.',
    },
    scheduled:
      'Listo: plenaria «{{title}}» programada para el {{when}} en el ciclo {{cycle}}. Avisé a las personas participantes.',
    announce:
      'Plenaria «{{title}}»: {{when}} ({{minutes}} min). Al comenzar te llegará el botón para marcar tu asistencia.',
    starting: 'Comienza la plenaria «{{title}}». Marca tu asistencia (hasta las {{until}}):',
    attend: 'Estoy presente',
    marked: 'Asistencia registrada en la plenaria «{{title}}». ¡Gracias!',
    already: 'Tu asistencia a la plenaria «{{title}}» ya estaba registrada.',
    list_title: 'Plenarias del ciclo {{cycle}}: {{count}}',
    line: '{{n}}. {{title}} — {{when}} — {{present}} de {{total}} presentes',
    none: 'Aún no hay plenarias. Programa una con «admin plenaria nueva».',
    below: 'Bajo el umbral de asistencia del diploma ({{threshold}} %): {{count}}',
    none_below: 'Nadie está bajo el umbral de asistencia del diploma ({{threshold}} %).',
    mark_hint:
      'Para registrar una lista en papel: «admin asistencia <n.º de plenaria> correo@… presente|ausente». Para cambiar o cancelar una plenaria que aún no comienza: «admin plenaria editar <n.º>» o «admin plenaria cancelar <n.º>».',
    cancel_confirm:
      '¿Cancelar la plenaria «{{title}}» del {{when}}? Avisaré a todas las personas participantes; no se puede deshacer.',
    cancel_yes: 'Sí, cancelar la plenaria',
    cancelled: 'Listo: cancelé la plenaria «{{title}}» del {{when}} y aviso a las personas participantes.',
    cancelled_notice:
      'Se canceló la plenaria «{{title}}» del {{when}}. No cuenta para la asistencia del diploma.',
    changed: 'Listo: la plenaria «{{title}}» queda para el {{when}}. Aviso a las personas participantes.',
    changed_notice:
      'Cambió la plenaria «{{before}}»: ahora es «{{title}}», el {{when}} ({{minutes}} min). Al comenzar te llegará el botón para marcar tu asistencia.',
    changed_notice_time:
      'La plenaria «{{title}}» cambió de horario: ahora es el {{when}} ({{minutes}} min). Al comenzar te llegará el botón para marcar tu asistencia.',
    weekend: 'La plenaria «{{title}}» quedaría el {{when}}: es fin de semana. ¿La dejo así?',
    weekend_schedule: 'Sí, programarla en fin de semana',
    weekend_change: 'Sí, cambiarla a fin de semana',
    weekend_hint: 'Si no, escribe de nuevo el comando y elige otra fecha.',
    unknown_number:
      'No hay una plenaria número {{n}} en este ciclo. Escribe «admin plenarias» para ver la lista.',
    present: 'presente',
    absent: 'ausente',
    admin_marked: 'Registrado: {{name}} quedó {{state}} en la plenaria «{{title}}» del ciclo {{cycle}}.',
    admin_already: '{{name}} ya figuraba {{state}} en la plenaria «{{title}}» del ciclo {{cycle}}.',
    none_yet: 'Aún no se ha realizado ninguna plenaria en tu ciclo.',
    mine_one: 'Asististe a {{present}} de 1 plenaria ({{percent}} %).',
    mine_other: 'Asististe a {{present}} de {{count}} plenarias ({{percent}} %).',
  },
  behind: {
    title_one: 'Ciclo {{cycle}} ({{phase}}): 1 pendiente',
    title_other: 'Ciclo {{cycle}} ({{phase}}): {{count}} pendientes',
    none: 'Ciclo {{cycle}} ({{phase}}): nadie está atrasado hoy.',
    group_header: '{{name}} ({{count}})',
    group: {
      no_goal: 'Sin meta aprobada',
      waiting_review: 'Metas que esperan a su mentor o mentora más de 48 h',
      no_checkin: 'Sin avance semanal',
      few_sessions: 'Parejas con menos sesiones 1:1 de las esperadas a la fecha',
      open_issues: 'Alertas y restricciones sin resolver',
      endorsements: 'Avales de jefatura pendientes',
      unpaired: 'Personas mentoradas sin pareja',
    },
    line: {
      no_goal_none: '• {{mentee}} (con {{mentor}}) — aún no redacta su meta',
      no_goal_draft: '• {{mentee}} (con {{mentor}}) — meta en borrador, sin enviar',
      no_goal_changes_requested:
        '• {{mentee}} (con {{mentor}}) — debe reenviar su meta con los cambios pedidos',
      waiting_review: '• {{mentor}} — «{{title}}» de {{mentee}}, enviada el {{since}}',
      no_checkin: '• {{mentee}} (con {{mentor}}) — sin avance de la semana del {{week}}',
      few_sessions_one: '• {{mentor}} y {{mentee}} — {{held}} de 1 sesión esperada a la fecha',
      few_sessions_other: '• {{mentor}} y {{mentee}} — {{held}} de {{count}} sesiones esperadas a la fecha',
      alert: '• {{mentor}} — alerta de {{mentee}}: {{note}}',
      restriction: '• {{mentor}} — restricción de {{mentee}}: {{note}}',
      endorsement: '• {{supervisor}} — aval para {{applicant}}, pedido el {{since}}',
      unpaired: '• {{mentee}}',
      plan_no_goal_none: '• {{mentor}} (plan con {{mentee}}) — aún no redacta el plan de mentoría',
      plan_no_goal_draft: '• {{mentor}} (plan con {{mentee}}) — plan en borrador, sin enviar',
      plan_no_goal_changes_requested:
        '• {{mentor}} (plan con {{mentee}}) — debe reenviar el plan con los cambios pedidos',
      plan_waiting_review:
        '• Coordinación — «{{title}}», del plan de {{mentor}} con {{mentee}}, enviada el {{since}}',
      plan_no_checkin: '• {{mentor}} (plan con {{mentee}}) — sin avance de la semana del {{week}}',
      plan_alert: '• Coordinación — alerta en el plan de {{mentor}} con {{mentee}}: {{note}}',
      plan_restriction: '• Coordinación — restricción en el plan de {{mentor}} con {{mentee}}: {{note}}',
    },
    remind: 'Recordar ahora',
    suggest_pairs: 'Sugerir parejas',
    csv: 'La lista completa, con correos, va en el archivo CSV (se abre en Excel).',
    home_hint: 'Para la lista completa con correos, en CSV, escríbeme «admin pendientes».',
    file: 'pendientes-{{cycle}}',
    columns: 'pendiente,persona,correo,persona mentorada,correo de la persona mentorada,detalle',
    reminded_one: 'Listo: envío 1 recordatorio ({{group}}).',
    reminded_other: 'Listo: envío {{count}} recordatorios ({{group}}).',
    reminded_already_one: '1 persona ya recibió este recordatorio en las últimas 24 horas: no se lo repito.',
    reminded_already_other:
      '{{count}} personas ya recibieron este recordatorio en las últimas 24 horas y no se lo repito.',
    reminded_nobody: 'Ya nadie está en «{{group}}»: no envío recordatorios.',
    reminder: {
      title: '«{{title}}»',
      intro: 'La coordinación del ciclo {{cycle}} te recuerda:',
      no_goal_none: 'aún no registras tu meta del programa. Redáctala conmigo: te guío paso a paso.',
      no_goal_draft: 'tu meta está en borrador. Complétala y envíala a revisión.',
      no_goal_changes_requested: 'tu meta tiene cambios solicitados. Ajústala y vuelve a enviarla.',
      waiting_review_one: 'la meta {{titles}} de {{names}} espera tu revisión hace más de 48 horas.',
      waiting_review_other:
        '{{count}} metas ({{titles}}) de {{names}} esperan tu revisión hace más de 48 horas.',
      no_checkin: 'falta tu avance de la semana del {{week}}. Te toma un par de minutos.',
      few_sessions_one:
        'con {{name}} llevan {{held}} de 1 sesión 1:1 esperada a esta altura del ciclo. Propongan una fecha.',
      few_sessions_other:
        'con {{name}} llevan {{held}} de {{count}} sesiones 1:1 esperadas a esta altura del ciclo. Propongan una fecha.',
      open_issues_one: 'tienes 1 alerta o restricción de {{names}} sin resolver.',
      open_issues_other: 'tienes {{count}} alertas o restricciones de {{names}} sin resolver.',
      endorsements_one: '{{names}} espera tu aval para participar en el programa.',
      endorsements_other: '{{names}} esperan tu aval para participar en el programa.',
    },
  },
  history: {
    usage: 'Escribe «admin historial <correo>» (y, si quieres, el ciclo) para ver la historia de una pareja.',
    none: '{{name}} no ha estado en ninguna pareja todavía.',
    none_own: 'Aún no tienes una pareja de mentoría: tu historial empieza cuando se forme.',
    not_in_cycle: '{{name}} no estuvo en ninguna pareja en «{{cycle}}». Ciclos con historial: {{cycles}}.',
    you: 'Tú',
    title: 'Historial de {{name}} · {{cycle}}',
    title_own: 'Tu historial · {{cycle}}',
    with: 'en pareja con {{mentors}}',
    mentor_span: '{{name}} ({{from}} – {{to}})',
    mentor_since: '{{name}} (desde el {{from}})',
    withdrawn_on: 'Se retiró del ciclo el {{date}}.',
    no_goals: 'Sin metas registradas.',
    revisions_one: '{{count}} versión',
    revisions_other: '{{count}} versiones',
    milestones_one: 'hito: {{done}} de {{count}} cumplido',
    milestones_other: 'hitos: {{done}} de {{count}} cumplidos',
    counts: '{{sessions}} · {{updates}} · {{alerts}}',
    sessions_zero: 'Ninguna sesión',
    sessions_one: '{{count}} sesión ({{held}})',
    sessions_other: '{{count}} sesiones ({{held}})',
    held_one: '{{count}} realizada',
    held_other: '{{count}} realizadas',
    updates_zero: 'ningún avance registrado',
    updates_one: '{{count}} avance registrado',
    updates_other: '{{count}} avances registrados',
    alerts_zero: 'ninguna alerta',
    alerts_one: '{{count}} alerta o restricción ({{resolved}})',
    alerts_other: '{{count}} alertas o restricciones ({{resolved}})',
    resolved_count_one: '{{count}} resuelta',
    resolved_count_other: '{{count}} resueltas',
    latest_one: 'Último movimiento (de {{total}}):',
    latest_other: 'Últimos {{count}} movimientos (de {{total}}):',
    other_cycles: 'También tiene historial en: {{cycles}}. Escribe «{{command}} <ciclo>» para verlo.',
    own_command: 'historial',
    admin_command: 'admin historial {{email}}',
    admin_sees:
      'Como coordinación ves metas, decisiones, sesiones con sus acuerdos, avances, alertas, evaluaciones y encuestas; las notas de cada sesión son de la pareja y no se muestran.',
    director_sees:
      'Como dirección ves estados, fechas, resultados y puntuaciones; no lo que cada persona escribió.',
    file: 'historial-{{name}}-{{cycle}}-{{date}}',
    goal_revision: '«{{title}}» (versión {{revision}})',
    on_behalf: 'registrada por la coordinación desde un formulario en papel',
    comment: 'Comentario: {{text}}',
    minutes_one: '{{count}} minuto',
    minutes_other: '{{count}} minutos',
    notes: 'Notas: {{text}}',
    agreements: 'Acuerdos: {{text}}',
    reason: 'Motivo: {{text}}',
    milestone_of: '«{{goal}}», hito «{{milestone}}»',
    progress: 'avance {{value}} %',
    note: 'Nota: {{text}}',
    reply: 'Respuesta: {{text}}',
    resolved: 'resuelta el {{date}}',
    strengths: 'Fortalezas: {{text}}',
    improvements: 'Por mejorar: {{text}}',
    competency_notes: 'Competencias: {{text}}',
    survey: 'satisfacción {{satisfaction}} de 5, recomendación {{recommend}} de 10',
    mentor_note: 'Sobre la mentoría recibida: {{text}}',
    kind: {
      paired: 'Inicio de la pareja',
      unpaired: 'Fin de la pareja',
      withdrawn: 'Retiro del ciclo',
      goal_submitted: 'Meta enviada',
      goal_decided: 'Decisión sobre la meta',
      session: 'Sesión',
      progress: 'Avance',
      alert: 'Alerta',
      restriction: 'Restricción',
      evaluation: 'Evaluación final',
      survey: 'Encuesta',
      work_report_sent: 'Informe de trabajo enviado',
      work_report_decided: 'Decisión sobre el informe de trabajo',
      ai_suggestion: 'Consulta al coach de IA',
    },
    version: 'versión {{revision}}',
    work_report_state: { validated: 'validado: plan cumplido', changes_requested: 'se pidieron cambios' },
    sheet: { events: 'Historial', goals: 'Metas e hitos' },
    column: {
      date: 'Fecha',
      time: 'Hora',
      mentee: 'Persona mentorada',
      what: 'Qué',
      detail: 'Detalle',
      goal: 'Meta',
      state: 'Estado',
      due: 'Fecha límite',
      revisions: 'Versiones',
      milestone: 'Hito',
      milestone_due: 'Fecha del hito',
      milestone_state: 'Estado del hito',
    },
  },
  audit: {
    columns: 'fecha ({{zone}}),hora,acción,quién,correo,vía,en nombre de,objeto,id del objeto,detalle',
    by_cli: 'línea de comandos',
    by_bot: 'el bot',
    via: {
      chat: 'chat',
      on_behalf: 'en nombre de otra persona',
      cli: 'línea de comandos',
      system: 'automático',
    },
    title_one: 'Registro de auditoría: {{count}} entrada {{from}}.',
    title_other: 'Registro de auditoría: {{count}} entradas {{from}}.',
    from_start: 'desde el inicio',
    from_date: 'desde el {{date}}',
    more: 'Hay más de {{max}} entradas: el archivo trae las {{max}} primeras. Pide las siguientes con «admin auditoría desde <fecha>».',
    hint: 'Cada cambio queda con quién lo hizo, cuándo y por qué vía. Consultar este registro también queda registrado.',
    file: 'auditoria-{{date}}',
    bad_date: 'No entendí la fecha. Escribe, por ejemplo, «admin auditoría desde 01/11/2026».',
  },
  directory: {
    programs_title_one: '{{count}} programa',
    programs_title_other: '{{count}} programas',
    program_line:
      '*{{name}}* — modalidad {{kind}}, cupo de {{capacity}} por persona mentora, {{sessions}} sesiones 1:1 mínimas',
    kind: { classic: 'clásica', reverse: 'inversa' },
    no_cycles: 'Aún sin ciclos: crea uno con «admin ciclo nuevo».',
    cycles_title_one: '{{count}} ciclo',
    cycles_title_other: '{{count}} ciclos',
    cycle_line:
      '• {{name}}{{program}} — del {{from}} al {{to}} · {{phase}} · {{mentors}}, {{mentees}}, {{pairs}}',
    mentors_one: '{{count}} persona mentora',
    mentors_other: '{{count}} personas mentoras',
    mentees_one: '{{count}} persona mentorada',
    mentees_other: '{{count}} personas mentoradas',
    pairs_one: '{{count}} pareja',
    pairs_other: '{{count}} parejas',
    people_title_one: 'Ciclo {{cycle}}: {{count}} persona inscrita',
    people_title_other: 'Ciclo {{cycle}}: {{count}} personas inscritas',
    nobody:
      'Aún no hay nadie inscrito en el ciclo {{cycle}}: comparte aquí un archivo de nómina (correo, nombre, rol…) para importarla.',
    group: {
      mentor: 'Personas mentoras ({{count}})',
      mentee: 'Personas mentoradas ({{count}})',
      admin: 'Administración ({{count}})',
      director: 'Dirección ({{count}})',
      withdrawn: 'Retiros del ciclo ({{count}})',
    },
    withdrawn_line: '• {{name}} — {{email}} — {{role}}, desde el {{date}}: {{reason}}',
    withdrawn_role: '{{role}} (retiro el {{date}})',
    person_line: '• {{name}} — {{email}}',
    paired_with: ' — con {{names}}',
    unpaired: ' — sin pareja',
    file: 'personas-{{cycle}}',
    columns: 'rol,nombre,correo,pareja',
    roles: {
      mentor: 'mentor',
      mentor_f: 'mentora',
      mentee: 'mentorado',
      mentee_f: 'mentorada',
      admin: 'admin',
      director: 'director',
    },
    csv: 'La lista completa va en el archivo CSV (se abre en Excel).',
  },
  programs: {
    kind: {
      classic: 'Clásica (la persona mentora tiene mayor nivel jerárquico)',
      reverse: 'Inversa (la persona mentora es más joven)',
    },
    form: {
      title: 'Programa nuevo',
      submit: 'Crear programa',
      name: 'Nombre',
      kind: 'Modalidad',
      capacity: 'Cupo por persona mentora',
      capacity_hint: 'Cuántas personas puede acompañar cada persona mentora en un ciclo.',
      min_sessions: 'Sesiones 1:1 mínimas',
      whole_number: 'Escribe un número entero entre {{min}} y {{max}}.',
    },
    exists: 'Ya existe un programa llamado «{{name}}».',
    created: 'Listo: programa «{{name}}» creado ({{kind}}).',
    next: 'Crea su primer ciclo con «admin ciclo nuevo».',
    unknown: 'No encontré el programa «{{name}}». «admin programas» muestra sus nombres.',
    settings: {
      choose: '¿Los ajustes de qué programa? (también puedes escribir su nombre después del comando)',
      title: 'Ajustes del programa',
      submit: 'Guardar ajustes',
      for_program: 'Ajustes del programa «{{name}}»: valen para sus ciclos desde ahora.',
      max_goals: 'Metas por persona mentorada (máximo)',
      attendance: 'Asistencia a plenarias para el diploma (%)',
      attendance_hint: 'Por ejemplo 85: quien asiste a menos queda sin diploma.',
      weekday: 'Día del avance semanal',
      quiet_start: 'Sin mensajes desde las',
      quiet_end: 'Sin mensajes hasta las',
      quiet_hint:
        'En la zona horaria de cada persona. Un recordatorio de sesión espera al fin de este horario solo si así llega antes de la sesión.',
      quiet_same: 'El inicio y el fin del horario sin mensajes no pueden ser iguales.',
      quiet: 'Horario sin mensajes',
      quiet_value: 'de {{start}} a {{end}}',
      bad_time: 'Escribe la hora como HH:MM, por ejemplo 20:00.',
      reminders: 'Recordatorios antes de cada sesión (horas)',
      reminders_hint: 'Hasta cinco, separados por comas: «24, 1». Vacío: sin recordatorios.',
      reminders_bad:
        'Escribe hasta cinco números de horas, de más de 0 y hasta 336, separados por comas: «24, 1».',
      hours_one: '{{count}} hora antes',
      hours_other: '{{count}} horas antes',
      no_reminders: 'ninguno',
      retention: 'Anonimizar a participantes (meses tras el cierre)',
      retention_hint:
        'Meses después del fin de su último ciclo en que se anonimiza a mentoras, mentores y personas mentoradas (de 1 a 120). Vacío: nunca.',
      retention_off: 'nunca',
      retention_months_one: '{{count}} mes después del cierre',
      retention_months_other: '{{count}} meses después del cierre',
      saved: 'Listo: guardé los ajustes del programa «{{name}}».',
      saved_hint: 'Los recordatorios que vienen ya usan estos ajustes. Quedó registrado en la auditoría.',
    },
  },
  withdrawal: {
    reason_needed:
      'Escribe también el motivo del retiro, por ejemplo: «admin retirar {{email}} renunció a la institución».',
    not_taking_part: '{{name}} no participa como mentor ni como persona mentorada en un ciclo en curso.',
    confirm: '¿Retirar a {{name}} del ciclo {{cycle}}? Motivo: «{{reason}}».',
    effect_pair: 'Termina su pareja con {{mentor}}; a ambas personas les aviso.',
    effect_sessions_one: 'Se cancela {{count}} sesión que aún no ocurre.',
    effect_sessions_other: 'Se cancelan {{count}} sesiones que aún no ocurren.',
    effect_records:
      'Sus metas, sesiones y avances se conservan para el historial; el reporte cuenta su retiro y deja sus datos fuera de las tasas y los diplomas desde hoy.',
    yes: 'Sí, retirar del ciclo',
    notice_self:
      'La coordinación registró tu retiro del ciclo {{cycle}}. Ya no recibirás recordatorios de este ciclo y lo que hiciste queda guardado. Si es un error, escribe a la coordinación del programa.',
    notice_mentor:
      '{{name}} dejó el ciclo {{cycle}}: su pareja contigo terminó y se cancelaron las sesiones que aún no ocurrían. Lo que hicieron queda en el historial.',
    done: 'Listo: retiré a {{name}} del ciclo {{cycle}} y avisé a {{told}}. Quedó registrado en la auditoría.',
  },
  cycles: {
    dates: {
      title: 'Fechas del ciclo',
      submit: 'Guardar fechas',
      for_cycle:
        'Fechas del ciclo «{{name}}» (días en {{zone}}). No cambio una fecha que deje fuera de su fase algo ya registrado.',
      order:
        'Las fechas deben ir en orden: inscripción, metas, ejecución y cierre, cada una después de la anterior, y el término no antes del cierre.',
      misplaced:
        'No cambié las fechas del ciclo «{{name}}»: dejarían fuera de su fase lo que ya está registrado.',
      fact_before: '{{what}}: hay registros desde el {{date}}, y su fase abriría el {{limit}}.',
      fact_after: '{{what}}: hay registros hasta el {{date}}, y su fase cerraría el {{limit}}.',
      fact: {
        goal_draft: 'Metas enviadas',
        goal_review: 'Revisiones de metas',
        session_plan: 'Sesiones 1:1',
        checkin_report: 'Avances semanales',
        evaluation_write: 'Evaluaciones finales',
        survey_answer: 'Encuestas del programa',
        applications_apply: 'Postulaciones',
      },
      misplaced_hint:
        'Elige fechas que dejen esos registros dentro de su fase, o mueve solo las fechas futuras.',
      saved: 'Listo: el ciclo «{{name}}» tiene fechas nuevas.',
      saved_hint:
        'Las fases, los permisos y los recordatorios siguen las nuevas fechas desde ahora. Quedó registrado en la auditoría.',
    },
    delete: {
      name_it: 'Escribe el nombre del ciclo que quieres borrar: «admin ciclo borrar 2027-1».',
      confirm:
        '¿Borrar el ciclo «{{name}}» ({{from}} – {{to}})? Nadie está inscrito en él; la auditoría conserva sus datos.',
      yes: 'Sí, borrar el ciclo',
      done: 'Listo: borré el ciclo «{{name}}».',
      not_empty:
        'No borré el ciclo «{{name}}»: tiene {{held}}. Solo se borra un ciclo vacío; uno en curso se acorta o se cierra cambiando sus fechas («admin ciclo fechas»).',
      enrollments_one: '{{count}} persona inscrita',
      enrollments_other: '{{count}} personas inscritas',
      applications_one: '{{count}} postulación',
      applications_other: '{{count}} postulaciones',
      plenaries_one: '{{count}} plenaria',
      plenaries_other: '{{count}} plenarias',
    },
    choose:
      'Hay varios ciclos en curso: ¿sobre cuál? (también puedes escribir su nombre después del comando)',
    unknown: 'No encontré el ciclo «{{name}}». Revisa cómo se escribe su nombre.',
    none: 'Aún no hay ningún ciclo: crea uno con «admin ciclo nuevo».',
    no_program: 'Aún no hay programas: crea uno con «admin programa nuevo».',
    form: {
      title: 'Ciclo nuevo',
      submit: 'Crear ciclo',
      program: 'Programa',
      name: 'Nombre',
      name_hint: 'Por ejemplo: 2027-1.',
      starts: 'Inicio (apertura de inscripción)',
      ends: 'Término',
      ends_hint:
        'Las fases se calculan desde el programa: 3 semanas de inscripción, 3 de metas, ejecución y 3 de cierre.',
      past_ok: 'Ciclo ya iniciado',
      past_ok_yes: 'Sí: el inicio es una fecha pasada y lo registro a propósito',
    },
    starts_past:
      'El {{date}} ya pasó. Si el ciclo ya comenzó y lo registras ahora, marca «Ciclo ya iniciado» y vuelve a enviar.',
    exists: 'Ya existe un ciclo llamado «{{name}}».',
    bad_dates:
      'Con estas fechas no caben las fases del programa: el término debe ser posterior y dejar tiempo para la ejecución.',
    created: 'Listo: ciclo «{{name}}» creado.',
    phase: {
      enrollment: 'Inscripción',
      goal_setting: 'Definición de metas',
      execution: 'Ejecución',
      closing: 'Cierre',
      ends: 'Término',
    },
    next: 'Importa la nómina con «mentoria roster import» y luego propone parejas con «admin sugerir parejas».',
  },
  competencies: {
    title: 'Catálogo de competencias ({{count}})',
    hint: 'Agregar: «admin competencia nueva Nombre | Name». Renombrar: «admin competencia renombrar clave Nombre | Name».',
    usage:
      'Escribe el nombre en español y en inglés separados por «|», por ejemplo: «admin competencia nueva Negociación | Negotiation».',
    exists: 'Ya existe una competencia con la clave «{{key}}».',
    unknown:
      'No hay ninguna competencia con la clave «{{key}}». Escribe «admin competencias» para ver las claves.',
    added: 'Listo: competencia «{{nameEs}}» / «{{nameEn}}» agregada (clave {{key}}).',
    renamed: 'Listo: la competencia {{key}} ahora se llama «{{nameEs}}» / «{{nameEn}}».',
  },
  paper: {
    not_paired: '{{name}} no tiene pareja de mentoría en un ciclo activo.',
    goal_intro:
      'Formulario de meta en nombre de {{name}} (formulario en papel). Quedará registrado que lo ingresaste tú.',
    goal_told:
      '{{admin}} ingresó en tu nombre la meta «{{title}}» desde tu formulario en papel; ya está en revisión.',
    evaluation_intro:
      'Evaluación final de {{name}} en nombre de {{mentor}} (formulario en papel). Quedará registrado que la ingresaste tú.',
    evaluation_told:
      '{{admin}} ingresó en tu nombre la evaluación final de {{name}} desde tu formulario en papel.',
    sessions_title: 'Sesiones de {{name}} por registrar (formulario en papel)',
    no_sessions: '{{name}} no tiene sesiones confirmadas que ya hayan comenzado y estén por registrar.',
    session_told: '{{admin}} registró desde un formulario en papel la sesión del {{when}}: {{outcome}}.',
    session_done: 'Registrado: la sesión del {{when}} quedó como «{{outcome}}».',
  },
  pairs: {
    title: 'Parejas sugeridas para el ciclo {{cycle}}: {{count}}',
    line: '• {{mentor}} → {{mentee}} {{why}}',
    shared: 'temas en común: {{topics}}',
    other_unit: 'otra unidad',
    none: 'No hay parejas nuevas que sugerir: nadie más cumple las reglas del programa.',
    left_title:
      'Sin pareja: $t(counted.mentee, {"count": {{mentees}} }) y $t(counted.mentor, {"count": {{mentors}} })',
    left_line: '• {{name}}: {{reason}}',
    reason: {
      level_unknown: 'falta su nivel jerárquico en la nómina',
      age_unknown: 'falta su año de nacimiento en la nómina',
      no_eligible_mentor: 'ninguna persona mentora cumple las reglas del programa',
      mentors_full: 'las personas mentoras que cumplen las reglas ya tienen cupo completo',
      no_eligible_mentee: 'ninguna persona sin pareja cumple las reglas con esta persona mentora',
      mentees_taken: 'las personas compatibles quedaron con otros mentores',
      full: 'no tiene cupo',
    },
    review_hint:
      'Revisa la propuesta: nada se guarda hasta que confirmes. Cada pareja recibirá un mensaje de presentación.',
    confirm: 'Confirmar parejas ({{count}})',
    stale:
      'La propuesta cambió desde que la viste (¿alguien ya la confirmó o cambió la nómina?). Esta es la propuesta actual:',
    applied: 'Listo, parejas creadas: {{count}}. Cada persona recibirá un mensaje de presentación.',
    paired:
      'Listo: {{mentor}} acompañará a {{mentee}} en el ciclo {{cycle}}. Ambos recibirán un mensaje de presentación.',
    not_mentee: '{{name}} no participa como persona mentorada en ningún ciclo.',
    replace: {
      offer:
        '{{mentee}} ya tiene a {{old}} como {{their}} persona mentora en el ciclo {{cycle}}. ¿Hacer el reemplazo por {{mentor}}?',
      offer_f:
        '{{mentee}} ya tiene a {{old}} como {{their}} mentora en el ciclo {{cycle}}. ¿Reemplazarla por {{mentor}}?',
      offer_m:
        '{{mentee}} ya tiene a {{old}} como {{their}} mentor en el ciclo {{cycle}}. ¿Reemplazarlo por {{mentor}}?',
      carry_goals_one: 'Su meta y sus avances pasan a {{mentor}}.',
      carry_goals_other: 'Sus {{count}} metas y sus avances pasan a {{mentor}}.',
      carry_none: 'Aún no tiene metas registradas.',
      carry_waiting_one: '{{count}} meta espera revisión y pasará a {{mentor}}.',
      carry_waiting_other: '{{count}} metas esperan revisión y pasarán a {{mentor}}.',
      carry_sessions_one: 'Se cancela {{count}} sesión agendada con {{old}}.',
      carry_sessions_other: 'Se cancelan {{count}} sesiones agendadas con {{old}}.',
      carry_held: 'Las sesiones realizadas siguen contando para su mínimo.',
      button: 'Reemplazar',
      same: '{{mentor}} ya es la persona mentora de {{mentee}} en el ciclo {{cycle}}.',
      same_f: '{{mentor}} ya es la mentora de {{mentee}} en el ciclo {{cycle}}.',
      same_m: '{{mentor}} ya es el mentor de {{mentee}} en el ciclo {{cycle}}.',
      done: 'Listo: {{mentor}} acompaña ahora a {{mentee}} en el ciclo {{cycle}}. Pasaron {{moved}}; {{sessions}}. Aviso a {{mentee}}, {{old}} y {{mentor}}.',
      moved: '$t(counted.goal, {"count": {{goals}} }) y $t(counted.checkin, {"count": {{checkins}} })',
      cancelled_one: 'se canceló {{count}} sesión agendada',
      cancelled_other: 'se cancelaron {{count}} sesiones agendadas',
      cancelled_none: 'no había sesiones agendadas que cancelar',
      stale:
        'La pareja de {{mentee}} cambió desde que viste este mensaje: hoy su persona mentora es {{mentor}}. No cambié nada.',
      stale_f:
        'La pareja de {{mentee}} cambió desde que viste este mensaje: hoy la acompaña {{mentor}}. No cambié nada.',
      stale_m:
        'La pareja de {{mentee}} cambió desde que viste este mensaje: hoy lo acompaña {{mentor}}. No cambié nada.',
      stale_unpaired:
        'La pareja de {{mentee}} cambió desde que viste este mensaje: hoy no tiene pareja. No cambié nada.',
    },
  },
  report: {
    title: 'Reporte del ciclo {{cycle}}',
    participants: 'Participantes',
    withdrawn: 'Retiros del ciclo',
    withdrawn_value: '{{who}} (fuera de las tasas y los diplomas desde su retiro)',
    participants_value:
      '{{total}} ($t(counted.mentor, {"count": {{mentors}} }), $t(counted.mentee, {"count": {{mentees}} }))',
    gender: 'Por género',
    gender_value:
      'mujeres {{f}} · hombres {{m}} · otro {{x}} · prefiere no decir {{n}} · sin dato {{unknown}}',
    institutions: 'Por institución',
    regions: 'Por región',
    goals: 'Metas',
    approval: 'Tiempo mediano hasta la aprobación',
    hours: '{{hours}} h',
    sessions: 'Sesiones 1:1',
    sessions_value:
      '{{held}} realizadas de {{proposed}} propuestas; $t(counted.pair, {"count": {{below}} }) bajo el mínimo de {{min}}',
    checkins: 'Respuesta al avance semanal',
    issues: 'Sin resolver',
    issues_value:
      '$t(counted.alert, {"count": {{alerts}} }), $t(counted.restriction, {"count": {{restrictions}} })',
    outcomes: 'Resultados de la evaluación',
    work_reports: 'Informes de trabajo (planes cumplidos)',
    work_reports_value_one:
      '{{validated}} de {{count}} validado · {{waiting}} por validar · {{changes}} con cambios pedidos',
    work_reports_value_other:
      '{{validated}} de {{count}} validados · {{waiting}} por validar · {{changes}} con cambios pedidos',
    satisfaction: 'Satisfacción',
    satisfaction_value:
      'promedio {{average}} de 5 · NPS {{nps}} · $t(counted.answer, {"count": {{responses}} })',
    plenaries: 'Asistencia a plenarias ({{who}})',
    diplomas: 'Diplomas ({{who}})',
    diplomas_value: 'cumplen los requisitos: {{eligible}} · aún no: {{not}}',
    unpaired: 'Personas mentoradas sin pareja',
    admin_reminders: 'Recordatorios enviados por la coordinación',
    no_cycle:
      'No encontré ese ciclo. Escribe «admin reporte» para el ciclo actual o «admin reporte <nombre>».',
  },
  prefs: {
    language_set: 'Listo, te hablaré en español.',
    language_unknown: 'No conozco ese idioma. Opciones: {{options}}.',
    snoozed: 'Pausé tus recordatorios hasta el {{date}}.',
    snooze_past: 'Esa fecha ya pasó; elige una futura.',
    snooze_too_long: 'Puedo pausar los recordatorios hasta tres meses.',
    resumed: 'Recordatorios reanudados.',
  },
  phase_rule: {
    goal_draft: 'La redacción de metas',
    goal_review: 'La revisión de metas',
    session_plan: 'La coordinación de sesiones',
    checkin_report: 'El check-in semanal',
    evaluation_write: 'La evaluación final',
    work_report_write: 'El informe de trabajo',
    evaluation_acknowledge: 'El acuse de recibo de la evaluación',
    survey_answer: 'La encuesta del programa',
    applications_open: 'La apertura de postulaciones',
    applications_apply: 'El período de postulación',
  },
  errors: {
    phase: {
      not_open: '{{what}} se abre el {{date}}.',
      over: '{{what}} cerró el {{date}}.',
    },
    slack_rate_limited:
      'Slack me pide esperar {{seconds}} s antes de responder; inténtalo de nuevo en un momento.',
    unexpected: 'Algo falló de nuestro lado y no se guardó nada. Inténtalo de nuevo en un momento.',
    not_understood: 'No entendí ese mensaje.',
    bad_button: 'Ese botón no es válido o ya no está vigente. Escribe «ayuda» para ver las opciones.',
    auth: {
      forbidden: 'No puedes hacer eso: no te corresponde en este programa.',
      other_tenant: 'No encontré ese registro.',
      read_only: 'Tu perfil es de consulta: puedes ver resultados, pero no hacer cambios.',
    },
    transition: {
      goal: 'No se puede: la meta está «{{state}}».',
      session: 'No se puede: la sesión está «{{state}}».',
      session_not_started: 'La sesión aún no empieza; podrás registrar si se realizó cuando haya comenzado.',
      evaluation: 'No se puede: la evaluación está «{{state}}».',
      survey: 'Ya respondiste la encuesta de este ciclo. ¡Gracias!',
      issue: 'Esa situación ya estaba marcada como resuelta.',
      other: 'Esa acción ya no es posible.',
    },
    record: {
      not_found: 'No encontré ese registro.',
      changed: 'El registro cambió mientras tanto; vuelve a intentarlo con la versión más reciente.',
    },
    pairing: {
      same_person: 'Nadie puede acompañarse a sí mismo en una pareja de mentoría.',
      level:
        'La persona mentora debe tener al menos un nivel jerárquico más que la persona mentorada ({{mentorLevel}} frente a {{menteeLevel}}).',
      level_unknown: 'Falta el nivel jerárquico de alguna de las dos personas.',
      age: 'En mentoría inversa la persona mentora debe ser al menos $t(counted.year, {"count": {{needed}} }) menor (diferencia: {{gap}}).',
      age_unknown: 'Falta el año de nacimiento de alguna de las dos personas.',
      mentee_taken: 'Esa persona ya tiene pareja de mentoría en este ciclo.',
      mentor_capacity: 'Esa persona mentora ya acompaña al máximo de personas ({{capacity}}).',
      roles: 'Las personas no tienen los roles necesarios en el ciclo.',
      same_mentor: 'Esa persona ya es la pareja de mentoría de quien indicas en este ciclo.',
      changed:
        'La pareja cambió mientras tanto: no cambié nada. Vuelve a escribir el comando para ver la actual.',
      evaluation_delivered:
        'La evaluación final de esta pareja ya se entregó: a esta altura del ciclo no se puede cambiar de persona mentora.',
    },
    goal: {
      limit: 'Ya tienes el máximo de metas del programa ({{max}}). Puedes editar o retirar una existente.',
      plan_by_mentor:
        'En este programa el plan de mentoría lo escribe {{mentor}}, y lo llevan a cabo juntos: lo ves con «metas».',
      date_outside_execution: 'La fecha debe estar dentro del periodo de ejecución ({{from}} a {{to}}).',
      date_past: 'La fecha ya pasó: elige una a partir de hoy, {{today}}.',
      milestone_after_due: 'Un hito no puede vencer después de su meta: elige una fecha hasta el {{due}}.',
      comment_required: 'Para pedir cambios escribe un comentario que explique qué cambiar.',
      field_invalid: 'Un dato de la meta no es válido.',
      field_empty: 'Falta «{{field}}».',
      field_too_long: '«{{field}}» es demasiado largo (máximo {{max}} caracteres).',
      field_no_indicator: '«{{field}}» necesita un indicador: un número, un porcentaje o una evidencia.',
      field_title: 'Cada hito necesita un título de hasta 120 caracteres.',
    },
    milestone: {
      new_date_required: 'Una restricción necesita una nueva fecha para el hito.',
      new_date_past: 'La nueva fecha debe ser posterior a hoy.',
      new_date_late: 'La nueva fecha no puede ser posterior a la fecha límite de la meta ({{latest}}).',
    },
    session: {
      in_past: 'Esa fecha y hora ya pasaron; propone un momento futuro.',
      duration: 'La duración debe estar entre {{min}} y {{max}} minutos.',
    },
    evaluation: {
      incomplete: 'Falta evaluar alguna meta aprobada.',
      exists: 'Esta pareja ya tiene evaluación final.',
      no_goals: 'No hay metas aprobadas que evaluar.',
      reverse_report:
        'En este programa cada pareja cierra con el informe de trabajo de su persona mentora, que valida la coordinación («informe»): no hay evaluación final.',
    },
    work_report: {
      not_reverse:
        'El informe de trabajo es de los programas de mentoría inversa; en este programa la pareja cierra con la evaluación final («evaluar»).',
    },
    withdrawal: {
      has_mentees:
        'No retiré a {{name}}: todavía acompaña a {{mentees}}. Primero asigna otra persona mentora a quien acompaña («admin emparejar mentor@… mentorado@…», botón «Reemplazar»).',
      already: 'El retiro de {{name}} del ciclo ya estaba registrado el {{date}}: no hice nada más.',
      not_enrolled: '{{name}} no participa como mentor ni como persona mentorada en el ciclo {{cycle}}.',
      you_left:
        'Ya no participas en el ciclo {{cycle}}: la coordinación registró tu retiro el {{date}}. Si es un error, escribe a la coordinación del programa.',
    },
    cycle: {
      dates: 'Las fechas del ciclo no son válidas o no están en orden.',
      unchanged: 'Esas son las fechas que el ciclo ya tiene: no cambié nada.',
      not_empty:
        'El ciclo «{{name}}» no está vacío: solo se borra un ciclo sin personas inscritas, postulaciones ni plenarias.',
      timezone:
        '«{{zone}}» no es una zona horaria conocida: usa una de la base IANA, como America/Santiago o America/Mexico_City.',
    },
    survey: { range: 'El valor de «{{field}}» debe estar entre {{min}} y {{max}}.' },
    checkin: { nothing_to_report: 'No hay metas aprobadas para reportar.' },
    plenary: {
      duration: 'La duración debe ser de 15 a 480 minutos.',
      started: 'Esa plenaria ya comenzó: ya no se puede cambiar ni cancelar.',
      already_scheduled: 'Esa plenaria ya quedó programada: no la programé dos veces.',
      unchanged: 'Nada cambió en esa plenaria: no avisé a nadie.',
      past: 'La plenaria debe ser en el futuro.',
      not_participant: 'Solo quienes participan en el ciclo marcan asistencia a sus plenarias.',
      not_participant_other: 'Esa persona no participa en el ciclo de esta plenaria.',
      closed:
        'La asistencia se marca durante la plenaria (desde 15 minutos antes hasta 30 minutos después del término).',
      not_started: 'La plenaria aún no empieza: la asistencia se registra cuando ya comenzó.',
    },
    input: {
      empty: 'Falta un dato obligatorio.',
      too_long: 'El texto es demasiado largo (máximo {{max}} caracteres).',
      too_short: 'El texto es demasiado breve: escribe al menos {{min}} caracteres.',
      message_too_long: 'Tu mensaje es demasiado largo (máximo {{max}} caracteres). No se guardó nada.',
    },
  },
};
