import type { es } from './es.ts';

/** English. Same keys as Spanish (the type enforces it); English has no gendered variants, so those repeat. */
export const en: typeof es = {
  lang: 'en',
  counted: {
    message_one: '{{count}} message',
    message_other: '{{count}} messages',
    goal_one: '{{count}} goal',
    goal_other: '{{count}} goals',
    alert_one: '{{count}} alert',
    alert_other: '{{count}} alerts',
    restriction_one: '{{count}} restriction',
    restriction_other: '{{count}} restrictions',
    session_one: '{{count}} session',
    session_other: '{{count}} sessions',
    line_one: '{{count}} line',
    line_other: '{{count}} lines',
    valid_one: '{{count}} valid',
    valid_other: '{{count}} valid',
    new_person_one: '{{count}} new person',
    new_person_other: '{{count}} new people',
    updated_one: '{{count}} updated',
    updated_other: '{{count}} updated',
    skipped_line_one: '{{count}} line skipped',
    skipped_line_other: '{{count}} lines skipped',
    pair_one: '{{count}} pair',
    pair_other: '{{count}} pairs',
    year_one: '{{count}} year',
    year_other: '{{count}} years',
    answer_one: '{{count}} answer',
    answer_other: '{{count}} answers',
    mentee_one: '{{count}} mentee',
    mentee_other: '{{count}} mentees',
    mentor_one: '{{count}} mentor',
    mentor_other: '{{count}} mentors',
    checkin_one: '{{count}} check-in',
    checkin_other: '{{count}} check-ins',
  },
  /** Possessives about a third person, by their gender ("their" when it is not known). */
  pronoun: {
    their: 'their',
    their_f: 'her',
    their_m: 'his',
  },
  common: {
    more: '… and {{count}} more (the attached file has them all).',
    cancel: 'Cancel',
    done: 'Done',
    none: 'None',
    none_f: 'None',
    save: 'Save',
    send: 'Send',
    skip_hint: 'Type “-” to leave it blank.',
    on_its_way: 'One moment: my answer is on its way.',
  },
  words: {
    mentor: 'mentor',
    mentor_f: 'mentor',
    mentor_m: 'mentor',
    your_mentor: 'your mentor',
    coordination: 'the program coordination',
  },
  plan: {
    which_pair: 'You accompany more than one person in this program: which plan is it about?',
    with: 'Plan with {{name}}',
  },
  own_role: {
    mentor: 'mentor',
    mentor_f: 'mentor',
    mentor_m: 'mentor',
    mentee: 'mentee',
    mentee_f: 'mentee',
    mentee_m: 'mentee',
  },
  phase: {
    upcoming: 'not started',
    enrollment: 'enrollment',
    goal_setting: 'goal setting',
    execution: 'execution',
    closing: 'closing',
    closed: 'closed',
  },
  flows: {
    goal_draft: 'drafting your goal',
    session_propose: 'the session proposal',
    checkin: 'the weekly check-in',
    evaluation: 'the evaluation',
    survey: 'the satisfaction survey',
    upload: 'the file import',
    logo: 'the diplomas’ logo',
    unknown: 'the previous conversation',
  },
  flow: {
    cancelled: 'Done, I cancelled {{flow}}. Nothing was saved.',
    expired: 'The conversation about {{flow}} expired without an answer and was discarded.',
    expired_hint: 'You can start again whenever you like; type “help” to see the options.',
    stale_button: 'That button belongs to a step that has passed. Please answer the latest question.',
    still_open: 'You are still in {{flow}}: answer the last question or type “cancel”.',
    nothing_to_cancel: 'There is nothing to cancel.',
    use_buttons: 'Please choose one of the buttons.',
  },
  forms: {
    open: 'Open the form',
    required: 'This is required.',
    has_errors: 'Please check these fields; nothing was saved:',
    already_submitted: 'I already have this form; I did nothing more. To change something, open a new one.',
  },
  dates: {
    unreadable_date: 'I could not read that date. Try “30/06”, “June 30” or “2026-06-30”.',
    unreadable_datetime:
      'I could not read that date and time. Try “tomorrow 10:00”, “Tuesday 4:30pm” or “15/04 at 9”.',
    needs_time: 'I need a time too. For example: “15/04 at 10:00”.',
    time_moved:
      '{{asked}} does not exist that day in {{place}} (clocks spring forward); I proposed {{chosen}} ({{zone}}).',
    time_twice:
      '{{chosen}} happens twice that day in {{place}} (clocks fall back); I proposed the first, {{chosen}} ({{zone}}).',
  },
  welcome: {
    summary: 'Welcome to Mentoría, {{name}}',
    hello: 'Hi {{name}}! Welcome to Mentoría.',
    hello_f: 'Hi {{name}}! Welcome to Mentoría.',
    hello_m: 'Hi {{name}}! Welcome to Mentoría.',
    role: {
      mentee:
        'You take part as a mentee in “{{program}}”. Your {{mentorWord}} is {{mentor}}: together you will agree on SMART goals and working sessions.',
      mentor:
        'You take part as a mentor in “{{program}}”, guiding: {{mentees}}. You will review their goals, agree on sessions and write the final evaluation.',
      mentor_f:
        'You take part as a mentor in “{{program}}”, guiding: {{mentees}}. You will review their goals, agree on sessions and write the final evaluation.',
      mentor_m:
        'You take part as a mentor in “{{program}}”, guiding: {{mentees}}. You will review their goals, agree on sessions and write the final evaluation.',
      plan_mentor:
        'You take part as a mentor in “{{program}}”, guiding: {{mentees}}. You write the mentoring plan, carry it out together in your sessions and deliver the work report at closing; the program’s coordination validates both.',
      plan_mentor_f:
        'You take part as a mentor in “{{program}}”, guiding: {{mentees}}. You write the mentoring plan, carry it out together in your sessions and deliver the work report at closing; the program’s coordination validates both.',
      plan_mentor_m:
        'You take part as a mentor in “{{program}}”, guiding: {{mentees}}. You write the mentoring plan, carry it out together in your sessions and deliver the work report at closing; the program’s coordination validates both.',
      colleague:
        'You take part in “{{program}}” with {{mentor}}, who writes the mentoring plan you will carry out together in your sessions.',
      admin:
        'You coordinate the program: you will see every pair’s progress, goals waiting for approval and unresolved restrictions.',
      director: 'You can read the program’s results and figures. Your profile is read-only.',
      none: 'You are not part of any mentoring cycle yet. If you think this is a mistake, please contact Human Resources.',
      waiting_mentor:
        'You take part as a mentor in “{{program}}”; you have no mentee assigned yet. I will tell you here as soon as the coordinators assign one.',
      waiting_mentor_f:
        'You take part as a mentor in “{{program}}”; you have no mentee assigned yet. I will tell you here as soon as the coordinators assign one.',
      waiting_mentor_m:
        'You take part as a mentor in “{{program}}”; you have no mentee assigned yet. I will tell you here as soon as the coordinators assign one.',
      waiting_mentee:
        'You take part as a mentee in “{{program}}”; you have no mentor assigned yet. I will tell you here as soon as the coordinators assign one.',
      withdrawn:
        'The coordinators recorded your withdrawal from the cycle {{cycle}} on {{date}}: you will get no more reminders about it. If this is a mistake, write to the program’s coordinators.',
    },
    phases_title: 'Dates of “{{program}}”, cycle {{cycle}}:',
    now: 'Current phase: {{phase}}.',
    next: {
      mentee: 'To start, type “new goal” and I will help you draft your first goal.',
      mentor:
        'When your mentee submits a goal, it will arrive here with buttons to approve it or ask for changes.',
      plan_mentor: 'To start, type “new goal” and I will help you draft the first goal of your plan.',
      colleague:
        'Type “goals” to see the plan once it is ready, and “sessions” for the sessions you agree on.',
      admin: 'Type “pending” to see the state of the cycle.',
      director: 'Type “pending” to see the state of the cycle.',
      none: 'Type “help” to see what I can do.',
    },
    help_hint: 'At any time: “help”, “pending” or “cancel”.',
  },
  help: {
    title: 'What can I do for you?',
    /** One line per command, with the reader's place in the program as context (`goals_mentor`). */
    line: {
      new_goal: '• “new goal” — draft a goal step by step (“goal form” to fill in one form)',
      goals_mentee: '• “goals” — your goals and their state',
      sessions: '• “new session” / “sessions” — propose and see sessions',
      checkin: '• “check-in” — weekly progress on your goals',
      evaluate_mentee: '• “evaluate” — see your final evaluation',
      history_mentee: '• “my history” — your story in the program: goals, sessions, progress, alerts',
      new_goal_plan_mentor:
        '• “new goal” — draft a goal of your mentoring plan step by step (“goal form” for one form)',
      goals_plan_mentor: '• “goals” — your plan and each goal’s state',
      checkin_plan_mentor: '• “check-in” — weekly progress on the plan',
      work_report:
        '• “work report” — at closing, your work report (share a PDF or Word file here to attach it)',
      history_plan_mentor: '• “my history” — each pair’s story: goals, sessions, progress, alerts',
      goals_colleague: '• “goals” — the mentoring plan you carry out',
      history_colleague: '• “my history” — the pair’s story: goals, sessions, progress',
      goals_mentor: '• “goals” — your mentees’ goals',
      evaluate_mentor: '• “evaluate” — final evaluation of each goal',
      history_mentor: '• “my history” — each pair’s story: goals, sessions, progress, alerts',
      pending_admin: '• “pending” — state of the cycle: goals awaiting approval, alerts and restrictions',
      behind: '• “admin pending [cycle]” — who is behind, by person, with “Remind now” and a CSV',
      report_admin:
        '• “admin report” — the cycle’s figures: goals by state, sessions, check-ins, evaluations',
      grant:
        '• “admin add director email@…” / “admin add admin email@…” — give someone else access (“admin remove …” to take it back)',
      new_program: '• “admin new program” / “admin new cycle” — create a program or a cycle with a form',
      applications:
        '• “admin open applications until <date>” / “admin applications” — a call with supervisor endorsement and selection',
      new_plenary:
        '• “admin new plenary” / “admin plenaries” — schedule plenaries and see attendance (“admin attendance n email@… present|absent” for a paper list; “admin edit plenary n” / “admin cancel plenary n” to change or cancel one, telling everyone)',
      programs_admin:
        '• “admin programs” / “admin cycles” / “admin people [cycle]” — programs, cycles and who is enrolled in a cycle, with their pair (and a CSV)',
      program_settings:
        '• “admin program settings [program]” / “admin cycle dates [cycle]” — change a program’s settings or a cycle’s dates (“admin delete cycle <cycle>” deletes an empty one)',
      withdraw: '• “admin withdraw email@… <reason>” — take a person out of their cycle; their records stay',
      history_admin:
        '• “admin history <email> [cycle]” — a pair’s history (goals, decisions, sessions, progress, alerts, evaluation) with an Excel file',
      audit: '• “admin audit [since <date>]” — the audit log as a CSV',
      competencies: '• “admin competencies” — list, add and rename competencies',
      results_admin:
        '• “admin results” / “admin certificates” — results per participant (Excel, CSV) and certificates (PDF)',
      certificate_settings:
        '• “admin certificate settings [program]” — the diplomas’ institution, signatures and logo (share a PNG for the logo; “admin certificate sample” to see one; “admin verify <number>” to check a diploma)',
      ai_coach:
        '• “admin ai coach on|off” — turn the AI coach on or off for the institution (if the server has a model)',
      export_person: '• “admin export email@…” / “admin erase email@…” — a person’s data, or anonymise them',
      suggest_pairs: '• “admin suggest pairs” — the best pairs, to review and confirm',
      pair: '• “admin pair mentor@… mentee@…” — one pair by hand; if the mentee has a mentor, offers “Replace” (goals and history move to the new pair)',
      on_behalf:
        '• “admin on behalf of email@… goal|evaluation|sessions|work report” — enter a paper form (in reverse mentoring, the goal and the report are the mentor’s)',
      pending_director: '• “pending” — state of the cycle (read-only)',
      report_director: '• “admin report” — the cycle’s figures',
      results_director: '• “admin results” / “admin certificates” — results per participant and certificates',
      programs_director: '• “admin programs” / “admin cycles” — programs and cycles, with their dates',
      history_director: '• “admin history <email>” — a pair’s states, dates and outcomes',
      hello: '• “hello” — an introduction to the program',
      apply: '• “apply” — apply to a cycle when a call is open',
      pending: '• “pending” — what you have pending',
      language: '• “language es” — cambiar a español',
      snooze: '• “snooze until 15/04” / “resume” — pause reminders',
      my_data: '• “privacy” — what Mentoría keeps about you',
      cancel: '• “cancel” — leave the current conversation',
    },
    several_cycles:
      'With several cycles running, I ask which one you mean; you can also type its name at the end of the command (e.g. “admin plenaries 2027-1”).',
  },
  menu: {
    new_goal: 'New goal',
    goals: 'My goals',
    new_session: 'Propose a session',
    sessions: 'Sessions',
    checkin: 'Weekly check-in',
    pending: 'To do',
    evaluate: 'Evaluation',
    work_report: 'Work report',
    help: 'Help',
  },
  coach: {
    ok: {
      specific: 'Good, it is specific: it says what you will do and on what.',
      measurable: 'It has an indicator: “{{indicator}}”.',
      title: 'Good title.',
      achievable: 'Noted.',
      relevant: 'Noted.',
    },
    keep: 'Keep it as is',
    kept: 'All right, it stays as you wrote it; whoever reviews your goal will see the coach’s suggestion.',
    specific: {
      no_action_1:
        'The action is missing: start with a verb saying what you will do (write, reduce, train, implement…) and on what.',
      no_action_2:
        'Put a verb in front of what you wrote, for example: “Write {{own}}” or “Implement {{own}}”.',
      vague_verb_1:
        '“{{word}}” is a wish, not an action: what exactly will you do? (write, reduce, train, publish…)',
      vague_verb_2:
        'Say how you will get there: “{{own}} by…”, or start with the action, for example “Cut the waiting time at the front desk from 20 to 10 minutes”.',
      vague_object_1:
        'On what, exactly? Name something that can be seen: a procedure, a document, a team, a process.',
      vague_object_2:
        'Replace the quality with its evidence: instead of “performance”, for example “the response time for letters” or “the 12 monthly reports”.',
      no_object_1:
        '“{{word}}” what? Add what you will act on: “{{own}} the manual…”, “{{own}} the 15 people of…”.',
      no_object_2:
        'Complete the sentence with its object, for example “{{own}} the office’s filing procedure”.',
      negation_1: 'Say it positively: what you will do, not what you will avoid.',
      negation_2:
        'For example, instead of “not being late”, “arrive on time to the 12 follow-up meetings”; instead of “avoid mistakes”, “check the reports against a checklist”.',
    },
    measurable: {
      no_indicator_1:
        'How will you know you achieved it? An indicator is missing: a quantity with its unit (“12 meetings”), a percentage (“95% of requests”) or a deliverable (“published manual”).',
      no_indicator_2:
        'How much? For example: “cut the response time from 10 to 5 days”. In your words: “{{own}}: from __ to __” or “{{own}}: __ a month”.',
      only_date_1:
        'A date says when, not how much: add an indicator (“20 letters”, “80% attendance”, “published report”).',
      only_date_2:
        'Which figure or deliverable will show it? For example: “answer 200 letters” or “publish the guide”.',
      bare_number_1:
        '“{{word}}” what? Add the unit or what you count: “{{word}} case files”, “{{word}}% of requests”.',
      bare_number_2:
        'A number needs its object: for example “95% of requests answered within 5 days” or “200 letters processed”.',
      vague_quantity_1: '“{{word}}” cannot be measured: how many, exactly?',
      vague_quantity_2:
        'Give a figure or a deliverable: for example “from 40 to 20 complaints a month” or “a published report”.',
    },
    time: {
      cycle_end: 'the end of the cycle',
      no_date: 'By when? A date or a period up to {{end}}: “by June 30”, “in the second quarter”.',
      vague_time: '“{{word}}” is not a date: choose one up to {{end}}.',
      impossible_date: '“{{date}}” does not exist on the calendar: choose a real date.',
      past: '“{{date}}” has passed: choose a date from today on.',
      after_cycle: '{{date}} falls after the end of the cycle ({{end}}): choose a date until then.',
    },
    example: 'An example of a SMART goal{{about}}: “{{example}}”.',
    example_about: ' for “{{competency}}”',
    examples: {
      general: 'Cut the response time to citizen requests from 10 to 5 working days by June 30',
      active_listening:
        'Hold 8 listening interviews with service users and summarise their 5 main needs in a report before May',
      assertive_communication:
        'Give written feedback to the 6 people in my team after each monthly delivery until June',
      leadership:
        'Delegate the coordination of 3 projects with fortnightly follow-up meetings and minutes in the first half of the year',
      performance: 'Process 90% of the letters assigned to me within 5 working days from February to June',
      teamwork: 'Run 4 working sessions with the procurement unit and agree on a shared procedure before May',
      digital_collaboration:
        'Move the unit’s 120 shared documents to a cloud folder with team permissions in March',
      data_analysis: 'Publish a monthly dashboard with 6 citizen service indicators from April',
      digital_security:
        'Train the 15 people of the office in secure passwords and turn on two-step verification on all their accounts before April',
      social_media:
        'Publish 2 posts a week about online procedures on the institution’s social media from February to June',
      office_tools:
        'Automate the weekly requests report with a spreadsheet and cut its preparation from 3 hours to 30 minutes in March',
    },
    one_sentence: 'I understood your whole goal in one message. This is how I split it:',
    one_sentence_missing: 'Still missing: {{parts}}.',
    from_form: 'The SMART coach’s suggestions (your goal was sent anyway):',
    verdict: {
      line: 'SMART coach: {{specific}} · {{measurable}} · {{timeBound}}',
      specific_ok: 'specific ✓',
      specific_gap: 'specific ✗ ({{why}})',
      measurable_ok: 'measurable ✓',
      measurable_gap: 'measurable ✗ ({{why}})',
      timeBound_ok: 'time-bound ✓',
    },
    gap: {
      no_action: 'no action',
      vague_verb: 'vague verb',
      vague_object: 'the object is a quality',
      no_object: 'on what is missing',
      negation: 'says what to avoid',
      no_indicator: 'no indicator',
      only_date: 'only a date',
      bare_number: 'a number without a unit',
      vague_quantity: 'vague quantity',
    },
  },
  goal: {
    intro:
      'Let’s draft a SMART goal: specific, measurable, achievable, relevant and time-bound. I will ask one question at a time; type “cancel” to leave.',
    ask: {
      title: '1/8 · What is your goal called? A short title.',
      specific: '2/8 · Specific: what exactly will you do, and on what?',
      measurable:
        '3/8 · Measurable: how will you know you achieved it? Give a number, a percentage or evidence.',
      achievable: '4/8 · Achievable: what resources, time or support do you have?',
      relevant: '5/8 · Relevant: why does it matter for your work or your unit?',
      due: '6/8 · By when? It must be between {{from}} and {{to}}.',
      competencies:
        '7/8 · Which competencies will you develop? Pick one or more, then “Done”, or type their numbers (“1, 3”).',
      milestones: '8/8 · Milestones (optional): type one as “First report; 30/04”, or press “No milestones”.',
      milestones_more_one: 'You have 1 milestone. Type another as “title; date” or press “Done”.',
      milestones_more_other: 'You have {{count}} milestones. Type another as “title; date” or press “Done”.',
      edit_pick: 'Which part do you want to change?',
    },
    hint: {
      title:
        'A short title, or your whole goal in one sentence and I will split it: “Cut the response time to citizen requests from 10 to 5 days by June 30”.',
      specific: 'Example: “Hold weekly follow-up meetings with my team”.',
      measurable: 'Example: “Hold 12 meetings with published minutes”.',
      achievable: 'Example: “My manager supports it and a room is available”.',
      relevant: 'Example: “Our unit’s coordination depends on everyone knowing the priorities”.',
      competencies: 'Press a competency again to remove it.',
      milestones:
        'Milestones are dated intermediate steps; in the weekly check-in you will say whether each is on track, at risk (alert) or blocked (restriction).',
    },
    coach: {
      ok_title: 'Good title.',
      ok_specific: 'Good, it is specific.',
      ok_measurable: 'Great: it has a measurable indicator.',
      ok_achievable: 'Noted.',
      ok_relevant: 'Noted.',
      title_short: 'The title is too short; use at least three letters.',
      outside_window:
        'That date falls outside the cycle’s execution period: choose one between {{from}} and {{to}}.',
      competencies_unknown: 'I did not recognise a competency. Use the buttons or their numbers in the list.',
      milestone_format:
        'Type the milestone and its date separated by a semicolon, e.g. “First report; 30/04”.',
      milestones_max: 'You can record up to {{max}} milestones per goal.',
    },
    no_milestones: 'No milestones',
    field: {
      title: 'Title',
      specific: 'Specific',
      measurable: 'Measurable',
      achievable: 'Achievable',
      relevant: 'Relevant',
      dueDate: 'Due date',
      competencies: 'Competencies',
      milestones: 'Milestones',
    },
    summary: {
      title: 'Here is your goal. Shall I send it to {{mentor}} for review?',
      edit_title: 'Your goal, with the changes. Shall I send it for review?',
      submit: 'Submit for review',
      edit: 'Edit',
      choose: 'Choose “Submit for review”, “Edit” or “Cancel”.',
    },
    form: {
      title: 'New SMART goal',
      milestones_hint: 'One milestone per line: “title; date”. Optional.',
    },
    submitted:
      'Submitted: “{{title}}” is now with {{mentor}} for review. I will tell you as soon as they answer.',
    edit_approved_warning:
      'This goal is already approved: if you change it, it goes back to {{mentor}} for review.',
    state: {
      draft: 'Draft',
      submitted: 'Under review',
      changes_requested: 'Changes requested',
      approved: 'Approved',
      achieved: 'Achieved',
      partly_achieved: 'Partly achieved',
      not_achieved: 'Not achieved',
      withdrawn: 'Withdrawn',
    },
  },
  goals: {
    mine_title: 'Your goals',
    mine_title_count: 'Your goals ({{count}} of {{max}} allowed):',
    mentee_title: '{{name}}’s goals',
    mentee_none: 'No goals recorded yet.',
    plan_title: 'Your mentoring plan with {{name}} ({{count}} of {{max}} goals allowed):',
    plan_of_mentor: 'The mentoring plan {{mentor}} carries out with you',
    plan_none: '{{mentor}} has not recorded any goal in the plan yet.',
    none_yet: 'You have no goals yet. Type “new goal” to start.',
    not_participant: 'You are not part of an active mentoring pair.',
    staff_overview:
      'You are not part of a pair in this cycle, so you have no goals or sessions of your own. For the cycle: “pending” shows goals by state, alerts and restrictions; “admin report”, goals and sessions in figures; “admin results”, each participant in detail.',
    state: 'State',
    edit: 'Edit',
    withdraw: 'Withdraw',
    withdraw_confirm: 'Are you sure you want to withdraw “{{title}}”? This cannot be undone.',
    withdraw_yes: 'Yes, withdraw',
    withdraw_no: 'No, go back',
    withdrawn: 'You withdrew the goal “{{title}}”.',
    withdrawn_told: '{{name}} withdrew the goal “{{title}}”.',
  },
  review: {
    approve: 'Approve',
    request_changes: 'Request changes',
    request: {
      summary: '{{name}} submitted the goal “{{title}}” for your review',
      first: '{{name}} submitted a goal for your review:',
      again: '{{name}} submitted a new version (revision {{revision}}) for your review:',
      previous_comment: 'Your previous comment: {{comment}}',
      hint: 'To request changes you will write a comment.',
      plan_summary: '{{name}} submitted the goal “{{title}}” of their mentoring plan for validation',
      plan_first:
        '{{name}} submitted a goal of their mentoring plan with {{colleague}}; as the program’s coordination, you validate it or request changes:',
      plan_again:
        '{{name}} submitted a new version (revision {{revision}}) of a goal of their mentoring plan with {{colleague}}:',
      plan_previous_comment: 'The coordination’s previous comment: {{comment}}',
    },
    outcome: {
      summary: '“{{title}}”: {{state}}',
      text: '{{name}}’s goal: “{{title}}”',
      decided: '{{state}} · {{when}}',
      comment: 'Comment: {{comment}}',
    },
    told: {
      approve: {
        summary: 'Your goal “{{title}}” was approved',
        text: 'Good news! {{mentor}} approved your goal “{{title}}”. You can start working on it; each week I will ask about your progress.',
      },
      request_changes: {
        summary: 'Your goal “{{title}}” needs changes',
        text: '{{mentor}} asked for changes to your goal “{{title}}”. Read the comment and submit it again.',
      },
    },
    form: {
      title: 'Request changes',
      comment: 'What should change?',
      hint: 'Be concrete: your comment goes to your mentee.',
      submit: 'Send comment',
    },
    already: 'This goal is no longer waiting for your decision: it is “{{state}}”.',
    newer_revision:
      'This request was replaced by a newer version (state: “{{state}}”). Please look at the latest message.',
  },
  session: {
    minutes: '{{count}} min',
    ask: {
      with: 'Who is the session with?',
      when: 'When? Type a date and time in your time zone.',
      duration: 'How long will it last?',
      place: 'Where? A room, an address or a video call link.',
      agenda: 'What topics do you want to cover?',
    },
    hint: { when: 'Examples: “tomorrow 10:00”, “Tuesday 4:30pm”, “15/04 at 9”.' },
    summary: {
      title: 'Your session proposal:',
      send: 'Send proposal',
      choose: 'Choose “Send proposal” or “Cancel”.',
    },
    field: {
      with: 'With',
      when: 'When',
      duration: 'Duration',
      place: 'Place',
      agenda: 'Topics',
      state: 'State',
      reason: 'Reason',
      notes: 'Notes',
    },
    proposed: 'Proposal sent to {{name}} for {{when}}. I will tell you when they answer.',
    proposal: {
      summary: '{{name}} proposes a mentoring session',
      text: '{{name}} proposes a mentoring session:',
      new_time: '{{name}} proposes another time for the session:',
    },
    accept: 'Accept',
    counter: 'Propose another time',
    decline: 'Decline',
    cancel: 'Cancel session',
    add_to_calendar: 'Add to calendar (Outlook)',
    cancel_ask:
      'Cancel the session with {{name}} on {{when}}? I will tell them, and their calendar will drop it.',
    cancel_yes: 'Yes, cancel it',
    cancel_no: 'No, keep it',
    kept: 'Done: the session with {{name}} on {{when}} still stands.',
    reschedule: 'Change time',
    held: 'Yes, it happened',
    not_held: 'It did not happen',
    confirmed: {
      summary: 'Session confirmed with {{name}}',
      text: 'Session confirmed with {{name}}. The calendar invitation is attached.',
    },
    cancelled: {
      summary: 'Session cancelled with {{name}}',
      text: 'The session with {{name}} was cancelled. The calendar cancellation is attached.',
    },
    answered: {
      accept: 'You accepted the session with {{name}} on {{when}}.',
      cancel: 'You cancelled the session with {{name}} on {{when}}.',
    },
    ics: {
      title: 'Mentoring session: {{mentor}} and {{mentee}}',
      description: 'Mentoring session agreed in Mentoría.',
    },
    form: {
      decline_title: 'Decline the proposal',
      held_title: 'The session happened',
      not_held_title: 'The session did not happen',
      reason: 'Reason',
      notes: 'Session notes',
      agreements: 'Agreements',
    },
    told: {
      decline:
        '{{name}} cannot make the proposed time ({{when}}). Reason: {{reason}}. You can propose another with “new session”.',
      held: '{{name}} recorded the session of {{when}} as held.',
      not_held: '{{name}} recorded that the session of {{when}} did not happen. Reason: {{reason}}.',
    },
    done: {
      decline: 'You declined {{name}}’s proposal for {{when}}.',
      held: 'Recorded: the session with {{name}} on {{when}} happened. Thank you!',
      not_held: 'Recorded: the session with {{name}} on {{when}} did not happen.',
    },
    list: {
      title: 'Your sessions',
      none: 'There are no proposed or confirmed sessions.',
      held: 'Sessions held: {{count}} (program minimum: {{min}}).',
    },
    state: {
      proposed: 'Proposed',
      confirmed: 'Confirmed',
      declined: 'Declined',
      held: 'Held',
      not_held: 'Not held',
      cancelled: 'Cancelled',
    },
  },
  milestone: {
    status: { on_track: 'On track', alert: 'Alert', restriction: 'Restriction', done: 'Done' },
  },
  checkin: {
    intro_one: 'Weekly check-in: I will ask about your approved goal and its milestones.',
    intro_other: 'Weekly check-in: I will ask about your {{count}} approved goals and their milestones.',
    no_goals: 'You have no approved goals yet; the weekly check-in starts once your mentor approves one.',
    note: 'Note',
    ask: {
      progress: 'Goal “{{title}}”: how far along are you (0 to 100%)?',
      status: 'Milestone “{{title}}” (due {{due}}): how is it going?',
      note_alert: 'Milestone “{{title}}”: what risk do you see?',
      note_restriction: 'Milestone “{{title}}”: what happened?',
      new_date: 'Milestone “{{title}}”: what is the new date?',
    },
    hint: {
      progress: 'You can add a note after the number: “40 finished the first draft”.',
      status: 'Alert: you see a risk. Restriction: the problem happened and the milestone needs a new date.',
    },
    coach: {
      progress: 'Type a number from 0 to 100, e.g. “40” or “40%”.',
      note: 'Say it in a short sentence so {{mentor}} can help.',
    },
    done: 'Thank you! This week’s progress is recorded.',
    done_with_issues_one:
      'Thank you! Your progress is recorded and I told {{mentor}} about the alert or restriction.',
    done_with_issues_other:
      'Thank you! Your progress is recorded and I told {{mentor}} about the {{count}} alerts or restrictions.',
    issue: {
      alert: '⚠️ {{name}} reports an alert on milestone “{{milestone}}” of goal “{{goal}}”.',
      alert_summary: 'Alert from {{name}}: “{{milestone}}”',
      restriction: '⛔ {{name}} reports a restriction on milestone “{{milestone}}” of goal “{{goal}}”.',
      restriction_summary: 'Restriction from {{name}}: “{{milestone}}”',
      note: 'Note: {{note}}',
      rescheduled: 'Rescheduled: from {{from}} to {{to}}.',
      reply: 'Reply',
      reply_label: 'Your answer',
      resolve: 'Mark resolved',
      replied: 'You replied about “{{goal}}”: {{reply}}',
      resolved: 'You marked the situation of “{{goal}}” as resolved.',
      replied_told: '{{name}} replied about your goal “{{goal}}”: {{reply}}',
      resolved_told: '{{name}} marked the situation of your goal “{{goal}}” as resolved.',
    },
  },
  evaluation: {
    intro_one: 'Final evaluation: we will go through the approved goal.',
    intro_other: 'Final evaluation: we will go through {{count}} approved goals, one at a time.',
    all_done: 'You have already evaluated all your mentees.',
    not_yet:
      'Your evaluation is not available yet: {{mentor}} will share it with you in your final conversation.',
    ask: {
      with: 'Whom will you evaluate?',
      outcome: 'Goal “{{title}}”: what was the outcome?',
      rating: 'Rating for the goal “{{title}}”, from 1 to 5:',
      comment: 'Comment on the goal “{{title}}”:',
      strengths: 'Strengths you observed:',
      improvements: 'Areas to improve:',
      competency_notes: 'Notes on the competencies worked on:',
    },
    hint: {
      rating: '1 = far below expectations, 5 = exceeded expectations.',
      strengths: 'For example: “Active listening and consistency in meetings”.',
      improvements: 'For example: “Delegating tasks and following up in writing”.',
    },
    coach: { required: 'This is part of the evaluation; please write it in a sentence.' },
    field: { strengths: 'Strengths', improvements: 'Areas to improve', competency_notes: 'Competencies' },
    summary: { title: 'Evaluation summary:', submit: 'Save evaluation' },
    saved:
      'Evaluation saved. Share it with {{name}} in your final conversation; once it has happened, press the button to release it.',
    release: 'Final conversation held: release to {{name}}',
    released_to: 'You released the evaluation to {{name}} ({{when}}).',
    released: {
      summary: 'Your final evaluation from {{name}}',
      text: 'This is the final evaluation {{name}} shared with you:',
    },
    acknowledge: 'Acknowledge',
    acknowledged_note: 'Acknowledged.',
    acknowledged_told: '{{name}} acknowledged their final evaluation.',
    state: { draft: 'Draft', submitted: 'Saved', released: 'Released', acknowledged: 'Acknowledged' },
  },
  survey: {
    intro: 'Four quick questions about the program; your answers help improve it.',
    start: 'Answer the survey',
    ask: {
      satisfaction: 'How satisfied are you with the program? (1 to 5)',
      satisfaction_f: 'How satisfied are you with the program? (1 to 5)',
      satisfaction_m: 'How satisfied are you with the program? (1 to 5)',
      recommend: 'How likely are you to recommend the program to a colleague? (0 to 10)',
      comment: 'Any comment about the program?',
      mentor_note:
        'Anything you want to say about {{mentor}} as your {{mentorWord}}? (only the coordinators will see it)',
    },
    hint: {
      satisfaction: '1 = not at all satisfied, 5 = very satisfied.',
      satisfaction_f: '1 = not at all satisfied, 5 = very satisfied.',
      satisfaction_m: '1 = not at all satisfied, 5 = very satisfied.',
      recommend: '0 = not at all likely, 10 = extremely likely.',
    },
    coach: { satisfaction: 'Choose a number from 1 to 5.', recommend: 'Choose a number from 0 to 10.' },
    thanks: 'Thank you for your answers and for taking part in the program!',
  },
  pending: {
    title_one: 'You have 1 thing to do:',
    title_other: 'You have {{count}} things to do:',
    none: 'All caught up! Nothing pending.',
    first_goal: 'Draft your first goal.',
    first_goal_with: 'Draft the first goal of your plan with {{name}}.',
    work_report: 'Deliver your work report on the plan with {{name}}.',
    work_report_changes: 'The coordination asked for changes in your work report on the plan with {{name}}.',
    plan_to_validate: 'Validate the goal “{{title}}” of {{name}}’s plan with {{colleague}}.',
    report_to_validate: 'Validate {{name}}’s work report (plan with {{colleague}}).',
    plan_issue: '{{status}} in {{name}}’s plan: {{note}}',
    goal_draft: 'Your goal “{{title}}” is a draft.',
    goal_changes_requested: 'Your goal “{{title}}” has changes requested.',
    waiting_mentor_one: '1 goal is waiting for {{mentor}}’s review.',
    waiting_mentor_other: '{{count}} goals are waiting for {{mentor}}’s review.',
    checkin: 'Report this week’s progress.',
    acknowledge: 'Your final evaluation is ready: read it and acknowledge it.',
    survey: 'Answer the program’s satisfaction survey.',
    review: '{{name}} is waiting for your review of the goal “{{title}}”.',
    issue: '{{name}}: unresolved {{status}} — {{note}}',
    evaluate: 'Evaluate {{name}}’s goals.',
    release: 'Release the evaluation to {{name}} after your final conversation.',
    session_answer: 'A session proposal to answer:',
    session_report: 'Did the session with {{name}} on {{when}} happen?',
    unreachable_one:
      'I can’t write to 1 person yet: they never opened the bot, and the platform won’t let me reach them first. Their messages wait until they write; ask them to open the bot once:',
    unreachable_other:
      'I can’t write to {{count}} people yet: they never opened the bot, and the platform won’t let me reach them first. Their messages wait until they write; ask them to open the bot once:',
    unreachable_line: '• {{name}} ({{email}}): $t(counted.message, {"count": {{messages}} }) waiting',
    failed_nudges_one:
      '1 reminder could not be delivered after several attempts (the person left the platform, or the platform does not answer).',
    failed_nudges_other:
      '{{count}} reminders could not be delivered after several attempts (the person left the platform, or the platform does not answer).',
    overview:
      'Cycle {{cycle}} ({{phase}}): goals awaiting approval: {{submitted}}; with changes requested: {{changes}}; approved: {{approved}}. Unresolved: $t(counted.alert, {"count": {{alerts}} }) and $t(counted.restriction, {"count": {{restrictions}} }).',
  },
  nudge: {
    later: 'Remind me later',
    later_done: 'All right, I will remind you on {{when}}.',
    later_gone: 'That reminder is no longer current.',
    session_reminder: {
      summary: 'Reminder: session with {{name}}',
      text: 'Reminder: you have a session with {{name}} in {{count}} h.',
    },
    session_outcome: { summary: 'Did your session with {{name}} happen?' },
    endorsement_pending: {
      summary: '{{name}} is waiting for your endorsement',
      text: '{{name}} has been waiting for your endorsement to apply to cycle {{cycle}} since {{since}}. Without your answer, the application cannot move on.',
    },
    approval_pending: {
      summary: '{{name}} is waiting for your review',
      text: '{{name}} has been waiting for your review of the goal “{{title}}” since {{since}}.',
    },
    goal_drafting: {
      summary: 'Time to set your goals',
      start: 'Goal setting has started: draft your first goal before {{date}}.',
      deadline: 'Goal setting ends on {{date}} and you have not submitted a goal yet.',
    },
    checkin: {
      summary: 'Your weekly check-in',
      text: 'Time for your weekly check-in: how are your goals and milestones going?',
    },
    evaluation_due: {
      summary: 'Final evaluation of {{name}}',
      text: 'The cycle is closing: {{name}}’s final evaluation is still missing.',
    },
    work_report_due: {
      summary: 'Work report on the plan with {{name}}',
      text: 'The cycle is closing: your work report on the mentoring plan with {{name}} is still missing. The program’s coordination validates it, and it counts for your diploma.',
      again:
        'The coordination asked for changes in your work report on the plan with {{name}}: review it and send it again.',
    },
    welcome: {
      summary: 'Welcome to Mentoría',
      text: 'Hello {{name}}: welcome to cycle {{cycle}} of the “{{program}}” program, where you take part as {{role}}. Type “help” whenever you want to see what I can do.',
    },
    pairing_change: {
      summary: 'A change of pairing in cycle {{cycle}}',
      to_old_mentor:
        'The coordinators changed the pairing of {{mentee}} in cycle {{cycle}}: from today {{mentor}} is their mentor. Thank you for your mentoring; the sessions you held stay on record.',
      to_old_mentor_f:
        'The coordinators changed the pairing of {{mentee}} in cycle {{cycle}}: from today {{mentor}} is her mentor. Thank you for your mentoring; the sessions you held stay on record.',
      to_old_mentor_m:
        'The coordinators changed the pairing of {{mentee}} in cycle {{cycle}}: from today {{mentor}} is his mentor. Thank you for your mentoring; the sessions you held stay on record.',
      to_mentee:
        'The coordinators changed your pairing in cycle {{cycle}}: from today your mentor is {{mentor}} (until now, {{old}}). Your goals and check-ins stay with you, and the sessions you held still count.',
      to_mentee_f:
        'The coordinators changed your pairing in cycle {{cycle}}: from today your mentor is {{mentor}} (until now, {{old}}). Your goals and check-ins stay with you, and the sessions you held still count.',
      to_mentee_m:
        'The coordinators changed your pairing in cycle {{cycle}}: from today your mentor is {{mentor}} (until now, {{old}}). Your goals and check-ins stay with you, and the sessions you held still count.',
      to_new_mentor:
        'From today you are the mentor of {{mentee}} in cycle {{cycle}} (until now with {{old}}). Their goals, check-ins and history are now yours to follow.',
      to_new_mentor_f:
        'From today you are the mentor of {{mentee}} in cycle {{cycle}} (until now with {{old}}). Her goals, check-ins and history are now yours to follow.',
      to_new_mentor_m:
        'From today you are the mentor of {{mentee}} in cycle {{cycle}} (until now with {{old}}). His goals, check-ins and history are now yours to follow.',
      waiting_one: '{{count}} goal is waiting for your review: it comes next.',
      waiting_other: '{{count}} goals are waiting for your review: they come next.',
      cancelled_one: 'The session scheduled for {{when}} was cancelled.',
      cancelled_other: 'The sessions scheduled for these times were cancelled: {{when}}.',
      cancelled_with_one:
        'The session scheduled with {{old}} for {{when}} was cancelled: propose a new one to {{mentor}}.',
      cancelled_with_other:
        'The sessions scheduled with {{old}} ({{when}}) were cancelled: propose new ones to {{mentor}}.',
    },
    introduction: {
      summary: 'Meet {{name}}',
      to_mentor: 'Meet {{name}}, your mentee in “{{cycle}}”. Say hello and agree on your first session.',
      to_mentee: 'Meet {{name}}, your mentor in “{{cycle}}”. Say hello and agree on your first session.',
      to_mentee_f: 'Meet {{name}}, your mentor in “{{cycle}}”. Say hello and agree on your first session.',
      to_mentee_m: 'Meet {{name}}, your mentor in “{{cycle}}”. Say hello and agree on your first session.',
      where: 'Unit and institution',
      email: 'Email',
      shared: 'Topics in common',
      next: 'To propose a date and time, type “new session”.',
    },
    admin_digest: {
      summary_one: 'Cycle {{cycle}}: 1 matter needs your attention',
      summary_other: 'Cycle {{cycle}}: {{count}} matters need your attention',
      title_one: 'Weekly summary of cycle {{cycle}}: 1 matter needs a person.',
      title_other: 'Weekly summary of cycle {{cycle}}: {{count}} matters need a person.',
      today_one:
        'Cycle {{cycle}}, today: 1 matter needs a person and should not wait for the weekly summary.',
      today_other:
        'Cycle {{cycle}}, today: {{count}} matters need a person and should not wait for the weekly summary.',
      restrictions:
        '• $t(counted.restriction, {"count": {{restrictions}} }) and $t(counted.alert, {"count": {{alerts}} }) unresolved: go through them with the pair from “pending”.',
      failed_one:
        '• 1 reminder could not be delivered this week (the platform refused the person or the bot): check in “pending” whether the person is still in the workspace.',
      failed_other:
        '• {{count}} reminders could not be delivered this week (the platform refused the people or the bot): check in “pending” whether they are still in the workspace.',
      unreachable_one:
        '• I cannot write to 1 person yet (they never opened the bot): ask them to open it once.',
      unreachable_other:
        '• I cannot write to {{count}} people yet (they never opened the bot): ask them to open it once.',
      unreachable_person: '   – {{name}} ({{email}})',
      no_email: 'no email on file',
      unreachable_more: '   … and {{count}} more in “pending”.',
      unpaired_one:
        '• 1 mentee still has no pair and goal setting has started: “admin suggest pairs” or “admin pair”.',
      unpaired_other:
        '• {{count}} mentees still have no pair and goal setting has started: “admin suggest pairs” or “admin pair”.',
      waiting_one:
        '• 1 request from your people has waited more than 5 minutes for an answer: the bot is running behind. Nothing is lost and it is answered in order; if it goes on, tell whoever runs the bot’s server.',
      waiting_other:
        '• {{count}} requests from your people have waited more than 5 minutes for an answer: the bot is running behind. Nothing is lost and they are answered in order; if it goes on, tell whoever runs the bot’s server.',
    },
  },
  admin: {
    role: {
      admin: 'administrator',
      admin_f: 'administrator',
      admin_m: 'administrator',
      director: 'director',
      director_f: 'director',
      director_m: 'director',
    },
    granted: 'Done: {{name}} is now a program {{role}}.',
    granted_told: '{{name}} made you a program {{role}} in Mentoría.',
    already: '{{name}} is already a {{role}}.',
    self: 'You cannot change your own role: ask another administrator.',
    not_role: '{{name}} is not a {{role}}: there is nothing to remove.',
    configured:
      '{{name}} is listed in ADMIN_EMAILS: remove them from the bot’s configuration to end their administrator role.',
    revoked: 'Done: {{name}} is no longer a program {{role}}.',
    revoked_told: '{{name}} removed your role of program {{role}} in Mentoría.',
    unknown_person:
      'I found nobody with the email {{email}}. Import the roster first, or ask them to write to the bot.',
  },
  diploma: {
    title: 'Certificate of participation',
    granted_to: 'Awarded to',
    text: 'for completing their participation as {{role}} in the “{{program}}” program, cycle {{cycle}}, from {{from}} to {{to}}.',
    footer: 'Mentoring program — issued with Mentoría',
    issued: 'Issued on {{date}} · Certificate No. {{number}}',
    verify_at: 'Check that it is genuine at {{url}}',
    verify_with: '{{institution}} can confirm that it is genuine from the certificate number.',
  },
  chart: {
    proposed: 'Proposed',
    held: 'Held',
    none: 'none',
    alt: 'Chart. {{title}}. {{groups}}.',
  },
  files: {
    results: 'results',
    diplomas: 'certificates',
    chart: 'chart',
    session: 'mentoring-session',
    session_cancelled: 'session-cancelled',
    unavailable:
      'I cannot attach {{name}} in this chat, and this server has no public address for download links: ask whoever runs Mentoría to set PUBLIC_URL, or get the file from Slack or the console.',
    unavailable_calendar:
      'I cannot attach the invitation ({{name}}) in this chat: if the session still stands, use “Add to calendar (Outlook)”; if it was cancelled, remove it from your calendar.',
  },
  work_report: {
    form: {
      title: 'Work report',
      submit: 'Send to the coordination',
      body: 'What you did in the mentoring plan with {{name}}, and what came of it',
      hint: 'Tell about the sessions, the plan’s goals and what was achieved. If you have a document, share it here afterwards (PDF or Word).',
    },
    changes_asked: 'The coordination asked for changes: {{comment}}',
    sent: 'Done: I sent your work report to the program’s coordination for validation. If you have a document, share it here (PDF or Word) and I will attach it.',
    sent_again: 'Done: I sent version {{revision}} of your work report to the program’s coordination.',
    already_validated: 'Your work report was validated on {{date}}: your mentoring plan is carried out.',
    paper_intro: 'Work report of {{name}} from a paper form. It will be recorded that you entered it.',
    paper_none:
      '{{name}} accompanies nobody in a reverse mentoring program: there is no work report of theirs.',
    paper_told: '{{admin}} entered your work report from the paper form and sent it for validation.',
    paper_sent: 'Done: I sent {{name}}’s work report for validation, recorded on their behalf.',
    edit: 'Edit the report',
    attach_first:
      'To attach a document to the work report, first type “work report” and send the text; then share the file here.',
    file_too_big: '“{{name}}” is over {{max}} MB: share a lighter version.',
    attached: 'I attached “{{name}}” to your work report; the coordination can download it.',
    attached_resend:
      'I attached “{{name}}” to your work report. The coordination asked for changes: once you correct it, type “work report” and send it again.',
    attached_told: '{{name}} attached “{{file}}” to their work report.',
    no_file: 'This report has no attached file.',
    file_text: 'The work report’s file: “{{name}}”.',
    newer_revision: 'There is a newer version of this report (version {{revision}}): decide on that one.',
    already_validated_admin: 'This report was already validated: I changed nothing.',
    already_sent_back: 'Changes were already requested on this report: I changed nothing.',
    review: {
      first: '{{name}} delivered their work report on the mentoring plan with {{colleague}}:',
      again:
        '{{name}} sent a new version (version {{revision}}) of their work report on the plan with {{colleague}}:',
      previous_comment: 'The coordination’s previous comment: {{comment}}',
      file: 'Attached: “{{name}}”.',
      validate: 'Validate report',
      request_changes: 'Request changes',
      download: 'Download the file',
      comment: 'What should change or be completed',
    },
    told: {
      validate: '{{admin}} validated your work report: your mentoring plan is carried out. Thank you!',
      request_changes: '{{admin}} asked for changes in your work report.',
      colleague:
        'The coordination validated {{name}}’s work report: the mentoring plan you carried out is complete.',
    },
    decided: {
      validate: 'Validated: {{name}}’s work report (plan with {{colleague}}, version {{revision}}).',
      request_changes:
        'Changes requested: {{name}}’s work report (plan with {{colleague}}, version {{revision}}).',
    },
  },
  ai: {
    button: 'AI suggestion',
    intro:
      'A suggestion from the AI coach ({{model}}), which saw only your goal’s words and the cycle’s dates. It is your call: use it (and edit it if you like) or keep yours.',
    accept: 'Use this version',
    ignore: 'Keep mine',
    accepted: 'Done, I used the suggestion. Check it, and edit it if you like, before sending.',
    ignored: 'All right, your goal stays as you wrote it.',
    unavailable: 'The AI coach is not turned on for your institution.',
    limit_one:
      'You already asked for {{count}} AI suggestion today, the maximum: you can ask again tomorrow.',
    limit_other:
      'You already asked for {{count}} AI suggestions today, the maximum: you can ask again tomorrow.',
    failed: {
      timeout: 'The AI coach did not answer in time; your goal stays as it was.',
      refused: 'The AI coach made no suggestion for this goal; your goal stays as it was.',
      malformed: 'The AI coach answered something I could not use; your goal stays as it was.',
      error: 'I could not reach the AI coach now; your goal stays as it was.',
    },
    admin: {
      on: 'Done: the AI coach ({{model}}) is on for your institution. Each person can ask for up to {{count}} suggestions a day; only the goal’s words and the cycle’s dates are sent. It is recorded in the audit log.',
      off: 'Done: the AI coach is off for your institution. It is recorded in the audit log.',
      status_on:
        'The AI coach ({{model}}) is on for your institution. Type “admin ai coach off” to turn it off.',
      status_off: 'The AI coach is off for your institution. Type “admin ai coach on” to turn it on.',
      not_configured:
        'This server has no AI model configured (LLM_BASE_URL and LLM_MODEL): whoever runs Mentoría must set one first.',
    },
  },
  my_data: {
    title: 'What Mentoría keeps about you',
    profile: 'Profile: {{name}}, {{email}}, language {{language}}, time zone {{zone}}.',
    records: 'Records: {{goals}}, {{sessions}}, {{checkins}}.',
    goals_one: '{{count}} goal',
    goals_other: '{{count}} goals',
    sessions_one: '{{count}} session',
    sessions_other: '{{count}} sessions',
    checkins_one: '{{count}} weekly check-in',
    checkins_other: '{{count}} weekly check-ins',
    ai_none: 'You have not asked the AI coach.',
    ai_one: 'You asked the AI coach {{count}} time (only the goal’s words and the cycle’s dates were sent):',
    ai_other:
      'You asked the AI coach {{count}} times (only the goal’s words and the cycle’s dates were sent):',
    ai_line: '• {{when}} · “{{goal}}” · {{model}} · {{outcome}}',
    ai_outcome: {
      suggested: 'suggestion not used',
      accepted: 'suggestion used',
      timeout: 'no answer in time',
      refused: 'no suggestion',
      malformed: 'invalid answer',
      error: 'not reachable',
    },
    rights:
      'For a full copy of your data, or to have it erased, ask the program’s coordination (“admin export” / “admin erase”).',
  },
  certificates: {
    form: {
      title: 'The program’s diplomas',
      submit: 'Save',
      institution: 'Institution granting the diploma',
      institution_hint:
        'As it should read on the diploma, e.g. “Civil Service” or “Ministry of Public Administration”.',
      institution_bad: 'Write the institution’s name (at least 2 characters).',
      signer_name: 'Signature {{n}}: name',
      signer_position: 'Signature {{n}}: position',
      signer_hint: 'Up to three signatures; leave the ones you do not use empty.',
      signer_name_missing: 'The signer’s name is missing (or leave the position empty too).',
      signer_position_missing: 'The signer’s position is missing (or leave the name empty too).',
    },
    saved: 'Done: I saved how the diplomas of “{{program}}” look. It is recorded in the audit log.',
    signatories: 'Signatures',
    no_signatories: 'none',
    logo: 'Logo',
    logo_set: 'yes',
    no_logo: 'no logo',
    logo_hint:
      'To add the logo, share a PNG image here (up to {{max}} KB). Diplomas already issued keep their number; those you download from now on look like this.',
    sample: 'See a sample diploma',
    remove_logo: 'Remove the logo',
    sample_name: 'First Last',
    sample_number: 'SAMPLE',
    sample_file: 'sample-diploma',
    sample_text: 'This is how a diploma of “{{program}}” looks (a sample: no certificate was issued).',
    sample_no_design:
      'This is how a diploma of “{{program}}” looks today (a sample: no certificate was issued). To add the institution, signatures and logo, type “admin certificate settings”.',
    logo_which:
      'I received “{{name}}” ({{width}} × {{height}} px). Which program’s diplomas should carry it?',
    use_for: 'Use for “{{program}}”',
    logo_saved: 'Done: the diplomas of “{{program}}” now carry this logo. It is recorded in the audit log.',
    logo_removed: 'Done: I removed the logo from the diplomas of “{{program}}”.',
    no_logo_to_remove: 'This program’s diplomas had no logo any more.',
    logo_cancelled: 'Done, I left the logo as it was.',
    logo_problem: {
      not_png: '“{{name}}” is not a PNG image: for the logo, save the image as PNG and share it again.',
      too_big: '“{{name}}” is over {{max}} KB: make the image smaller and share it again.',
      dimensions: '“{{name}}” must be between 16 and 4000 pixels a side.',
      unreadable:
        'I could not read “{{name}}” as an image (it may be damaged): save it again as PNG and share it.',
      no_design:
        'First type “admin certificate settings” to set the institution’s name and the signatures; then share the logo again.',
    },
    verify_usage: 'Type “admin verify <number>” with the number printed on the diploma.',
    page: {
      valid: 'Valid certificate',
      unknown: 'Certificate not found',
      holder:
        '{{name}} received this diploma in the cycle “{{cycle}}” of the program “{{program}}”, granted by {{institution}} on {{date}}.',
      holder_no_institution:
        '{{name}} received this diploma in the cycle “{{cycle}}” of the program “{{program}}”, issued on {{date}}.',
      number: 'Certificate number: {{number}}.',
      not_found: 'There is no certificate with that number. Check that it is written as on the diploma.',
      malformed:
        'That is not a certificate number: it has 12 letters and digits in three groups, like 7K3Q-9XPD-2HRM.',
    },
  },
  diplomas: {
    title: 'Certificates for cycle {{cycle}} ({{who}}): {{count}} of {{total}} meet the requirements',
    who: { mentor: 'mentors', mentee: 'mentees', both: 'all participants' },
    not_yet: 'Not yet ({{count}}):',
    nobody:
      'Nobody meets the certificate requirements of cycle {{cycle}} yet: this file has no certificates.',
    rule: 'Requirements: at least {{sessions}} 1:1 sessions held, {{attendance}} % plenary attendance and the final evaluation delivered.',
    rule_reverse:
      'Requirements: at least {{sessions}} 1:1 sessions held, {{attendance}} % plenary attendance and the mentoring plan carried out (work report validated).',
  },
  privacy: {
    notice: {
      title: 'Your data in Mentoría',
      kept: 'I keep what you record in the program: your profile (name, email, unit), your goals with their versions and milestones, the sessions, the weekly progress, the final evaluation and the survey.',
      who: 'Your mentoring pair and the program’s coordination see it; each session’s notes are the pair’s only, you see your evaluation once it is released to you, and directors see states and figures, not what you write.',
      until_erased: 'It is kept while the program needs it, until you ask for it to be erased.',
      retention_one:
        'It is anonymised {{count}} month after your last cycle ends (the program’s figures are kept).',
      retention_other:
        'It is anonymised {{count}} months after your last cycle ends (the program’s figures are kept).',
      rights:
        'You can ask the coordination for a copy of your data or for its erasure; “my history” shows what is recorded about your pair.',
      kept_staff:
        'I keep your profile (name and email) and, in the audit log, every change you make and every history or file of someone else you read: what, when and from where.',
      who_staff:
        'What participants record you see as your role allows: the coordination does not see each session’s notes, which belong to the pair, and directors see states, dates and figures, not what each person writes.',
      rights_staff:
        'The coordination reads the audit log (“admin audit”). You can ask for a copy of your data, or for its erasure once you leave your role.',
    },
    exported:
      '{{name}}’s data: everything we store, in the attached file. This was recorded in the audit log.',
    confirm:
      'Anonymise {{name}} ({{email}})? Their name, email, chat identities, conversations and reminders, and the texts of their goals and sessions are removed; the cycle’s figures are kept. This cannot be undone.',
    erase: 'Anonymise',
    not_yourself: 'You cannot anonymise yourself from the chat: ask another admin.',
    already: 'That person has already been anonymised.',
    erased:
      'Done: {{name}} was anonymised ($t(counted.goal, {"count": {{goals}} }) and $t(counted.session, {"count": {{sessions}} }) without texts). This was recorded in the audit log.',
  },
  workspace: {
    missing_scope:
      'Mentoría cannot complete an action in this Slack workspace: the app lacks the “{{scope}}” permission. Reminders wait until the app is reinstalled with it ({{where}}).',
    app_settings: 'from the app’s settings at api.slack.com',
    resumed_summary: 'Mentoría can write here again',
    where: {
      slack: 'this Slack workspace',
      teams: 'your organization in Microsoft Teams',
      other: 'this platform',
    },
    resumed:
      'Mentoría can write in {{where}} again. From {{from}} until {{to}} it could not: {{reason}}. Meanwhile nobody got messages from the bot, and nothing was lost.',
    resumed_waited_zero: 'No reminder was left waiting.',
    resumed_waited_one: '1 reminder waited and goes out now.',
    resumed_waited_other: '{{count}} reminders waited and go out now.',
    resumed_action:
      'If it happens again, ask whoever administers the workspace to reinstall the app, or tell whoever runs Mentoría.',
    reason: {
      revoked: 'the app’s token was revoked',
      invalid: 'the app’s credentials stopped being valid',
      expired: 'the app’s token expired and was not renewed',
      withdrawn: 'the workspace withdrew the app’s access',
      credentials:
        'Microsoft refused the bot’s credentials (its app secret or certificate expired or changed)',
      not_installed: 'the app was not installed',
      other: 'the platform refused the app’s credentials ({{code}})',
    },
  },
  download: {
    confirm_summary: 'Did you open a download link?',
    confirm:
      'Someone opened your personal download link ({{file}}, cycle {{cycle}}) on {{when}}, from {{browser}}. If it was you, confirm and the download continues in that browser. If it was not you, do not confirm.',
    approve: 'Yes, it was me: download',
    approved: 'Confirmed: the download continues in your browser.',
    already: 'That download was already confirmed.',
    expired: 'That request has expired: open the link again.',
    waiting:
      'To protect this data, confirm in Slack or Teams that it is you: I sent you a message with a button. This page refreshes by itself.',
    throttled:
      'I asked for this download to be confirmed a moment ago, from another browser: confirm it there, or open the link again in a few minutes.',
    confirm_file:
      'Someone opened your personal download link ({{file}}) on {{when}}, from {{browser}}. If it was you, confirm and the download continues in that browser. If it was not you, do not confirm.',
    browser: '{{browser}} on {{system}}',
    unknown_browser: 'a browser I do not recognise',
  },
  results: {
    sheet: 'Results',
    title: 'Results per participant, cycle {{cycle}}',
    summary_one:
      '{{count}} participant. Certificate ({{who}}): {{eligible}} of {{total}} meet the requirements.',
    summary_other:
      '{{count}} participants. Certificate ({{who}}): {{eligible}} of {{total}} meet the requirements.',
    not_applicable: 'n/a',
    yes: 'yes',
    no: 'no',
    gender: { f: 'woman', m: 'man', x: 'other', n: 'prefers not to say' },
    column: {
      name: 'Name',
      email: 'Email',
      role: 'Role',
      gender: 'Gender',
      institution: 'Institution',
      region: 'Region',
      partner: 'Partner',
      goals: 'Goals',
      approved: 'Approved',
      achieved: 'Achieved',
      partly_achieved: 'Partly achieved',
      not_achieved: 'Not achieved',
      sessions_held: '1:1 sessions held',
      attendance: 'Plenary attendance (%)',
      evaluation: 'Final evaluation',
      diploma: 'Diploma',
      satisfaction: 'Satisfaction (1–5)',
      recommend: 'Would recommend the program (0–10)',
      missing: 'Missing',
    },
    goal_sheet: 'Goals',
    goal_column: {
      mentee: 'Mentee',
      email: 'Email',
      mentor: 'Mentor',
      title: 'Goal',
      state: 'State',
      due: 'Due date',
      milestones: 'Milestones done',
      outcome: 'Outcome in the final evaluation',
      rating: 'Rating (1–5)',
    },
    missing: {
      no_pair: 'no mentoring partner',
      sessions: 'fewer 1:1 sessions than the minimum',
      attendance: 'plenary attendance below the minimum',
      evaluation: 'no final evaluation delivered',
      report: 'no validated work report (plan not carried out)',
    },
    files: 'Files: results as Excel and CSV.',
    link: 'Download {{name}} (personal link, expires {{until}})',
  },
  roster: {
    invalid: {
      email: 'not a valid email',
      name_empty: 'name is empty',
      name_long: 'name is longer than 200 characters',
      role: 'role must be mentor (or mentora, persona mentora), mentee (or mentorado, mentorada, persona mentorada), admin or director',
      gender:
        'gender must be woman, man, non-binary, prefer not to say (or mujer, hombre, Femenino/Masculino, F/M, H/M, x, n)',
      gender_ambiguous:
        '“{{value}}” may mean Mujer (H/M codes) or Masculino (F/M codes) and the file does not show which: write the word, or use H for men or F for women on some line',
      level: 'level must be a whole number from 0 to 100',
      text_long: 'is longer than 200 characters',
      birth_year: 'birth_year must be a year',
      locale: 'locale must be es or en',
      timezone: 'timezone must be an IANA zone such as America/Santiago',
      topics: 'at most 20 topics of up to 80 characters each',
      missing: 'missing or not valid',
      role_change: 'already takes part in this cycle as {{role}}; a role change is not made from a roster',
      withdrawn:
        'was withdrawn from this cycle on {{date}}; a roster does not enroll again someone who was withdrawn',
      duplicate: '{{email}} is already on line {{line}}',
      not_in_roster: 'not in the roster',
    },
  },
  upload: {
    which_cycle: 'Which cycle is “{{name}}” for? Several are running; nothing is imported yet.',
    not_csv:
      'I can only read spreadsheets, CSV (.csv, .txt) or Excel (.xlsx), and a PNG image as the diplomas’ logo; “{{name}}” is none of them.',
    binary:
      '“{{name}}” is neither a text spreadsheet nor an Excel file (it looks like an image, a PDF or another binary file): nothing was imported.',
    detected_csv: 'Read as CSV in {{encoding}}, with “{{separator}}” between columns.',
    detected_xlsx: 'Read as an Excel workbook (first sheet).',
    unknown_ignored: 'Columns I do not recognise, not imported: {{columns}}.',
    gender_codes: 'One-letter genders read as {{codes}}.',
    too_big:
      'The file is larger than {{max}} MB. For large files use “mentoria roster import” on the server.',
    unreadable:
      'I could not read “{{name}}” as a spreadsheet. Check that it has a header row and columns separated by “,” or “;”.',
    unknown_columns:
      'I do not recognise these columns: {{columns}}. A roster has email, name and role (or correo, nombre, rol; and optionally gender, level, unit, institution, region, birth_year, locale, timezone, topics); pairs have mentor_email and mentee_email.',
    empty: '“{{name}}” has no rows under its headers.',
    roster_summary:
      'Roster “{{name}}” for cycle {{cycle}}: $t(counted.line, {"count": {{lines}} }), $t(counted.valid, {"count": {{valid}} }), {{invalid}} with problems.',
    pairs_summary:
      'Pairs “{{name}}” for cycle {{cycle}}: $t(counted.line, {"count": {{lines}} }), {{invalid}} with problems.',
    problem: '• line {{line}}: {{problems}}',
    import: 'Import ({{count}})',
    import_valid: 'Import the valid ones ({{count}})',
    nothing_yet: 'Nothing is saved yet: check the summary and confirm.',
    fix_and_resend: 'Fix the file and share it again; nothing was saved.',
    cancelled: 'Done, nothing was imported.',
    roster_done:
      'Roster imported into cycle {{cycle}}: $t(counted.new_person, {"count": {{created}} }), $t(counted.updated, {"count": {{updated}} }), $t(counted.skipped_line, {"count": {{skipped}} }).',
    pairs_done: 'Pairs imported into cycle {{cycle}}: {{created}}.',
    pairs_refused_one: 'No pairs were imported: 1 line breaks the program’s rules.',
    pairs_refused_other: 'No pairs were imported: {{count}} lines break the program’s rules.',
  },
  applications: {
    change_supervisor: 'Change supervisor',
    withdraw: 'Withdraw application',
    withdrawn: 'You withdrew your application. You can apply again while the call is open.',
    not_pending: 'That application is no longer pending: there is nothing to change.',
    supervisor_same: '{{supervisor}} is already this application’s supervisor.',
    supervisor_changed: 'Done: I asked {{supervisor}} for the endorsement.',
    supervisor_changed_told:
      '{{admin}} changed your application’s supervisor: we now ask {{supervisor}} for the endorsement.',
    paper_endorse: 'Paper endorsement',
    paper_endorsed:
      'Done: I recorded the paper endorsement of {{name}}’s application. It is in the audit log.',
    paper_endorsed_told: '{{admin}} recorded your supervisor’s endorsement from a paper form.',
    role: { mentor: 'mentor', mentee: 'mentee' },
    endorsement: { pending: 'endorsement pending', endorsed: 'endorsed', declined: 'not endorsed' },
    state: { submitted: 'under review', selected: 'selected', rejected: 'not selected' },
    window_past:
      'That date has passed: give a future day, for example “admin open applications until December 15”.',
    opened:
      'Applications are open for cycle {{cycle}} until {{until}} inclusive. People apply by typing “apply”.',
    closed: 'Applications are closed for cycle {{cycle}}.',
    none_open: 'There are no open applications right now.',
    already_enrolled: 'You already take part in cycle {{cycle}}: no need to apply.',
    already_applied: 'You already applied to this cycle.',
    status:
      'Your application to cycle {{cycle}} as {{role}}: {{endorsement}}, {{state}}. I will tell you when there is news.',
    form: {
      title: 'Application',
      submit: 'Send application',
      intro:
        'Application to cycle {{cycle}} (open until {{until}}). Your supervisor will be asked to endorse it.',
      role: 'I want to take part as',
      motivation: 'Motivation',
      topics: 'Topics you are interested in',
      topics_hint: 'Up to 10 topics separated by “;”, for example: leadership; data.',
      supervisor: 'Your supervisor’s email',
      supervisor_hint: 'Who endorses your participation.',
      bad_email: 'Type a valid email, for example boss@agency.gov.',
      not_yourself: 'Your supervisor must be someone else.',
    },
    submitted: 'Application sent. I asked {{supervisor}} to endorse it; I will tell you when they answer.',
    endorse_ask: {
      summary: '{{name}} asks for your endorsement for the mentoring program',
      text: '{{name}} is applying as {{role}} to cycle {{cycle}} of the mentoring program and named you as their supervisor. Do you endorse their participation?',
    },
    endorse: 'Endorse',
    decline: 'Do not endorse',
    endorse_already: 'You already answered {{name}}’s endorsement request.',
    endorsed_told: '{{name}} endorsed your application. The program team is reviewing it now.',
    declined_told:
      '{{name}} did not endorse your application. If you think this is a mistake, talk to your supervisor or to the program team.',
    endorsed_done: 'You endorsed {{name}}’s application. Thank you!',
    declined_done: 'Noted: you do not endorse {{name}}’s application.',
    list_title: 'Applications to cycle {{cycle}}: {{count}}',
    list_empty: 'No applications yet. Open them with “admin open applications until <date>”.',
    line: '*{{name}}* — {{role}} — supervisor: {{supervisor}} ({{endorsement}}) — {{state}}',
    select: 'Select',
    reject: 'Not selected',
    needs_endorsement: 'To select {{name}} their supervisor’s endorsement is needed ({{endorsement}}).',
    decided_already: '{{name}}’s application was already decided ({{state}}).',
    selected_told:
      'Good news! You were selected for cycle {{cycle}} as {{role}}. We will introduce you to your mentoring partner soon.',
    rejected_told:
      'Thank you for applying to cycle {{cycle}}. You were not selected this time; we hope to see you in a future call.',
    selected_done: 'Done: {{name}} was selected and enrolled in the cycle, and told.',
    rejected_done: 'Done: {{name}} was not selected, and told.',
  },
  plenary: {
    form: {
      title: 'New plenary',
      submit: 'Schedule plenary',
      for_cycle:
        'Plenary of cycle {{cycle}}: every participant is told now and gets the attendance button when it starts.',
      name: 'Title',
      date: 'Date',
      time: 'Time ({{zone}})',
      minutes: 'Duration in minutes',
      bad_time: 'Type the time as HH:MM, for example 10:30.',
      edit_title: 'Change plenary',
      edit_submit: 'Save changes',
      edit_for: 'Changes to plenary “{{title}}”: every participant will be told.',
    },
    scheduled:
      'Done: plenary “{{title}}” scheduled for {{when}} in cycle {{cycle}}. I told the participants.',
    announce:
      'Plenary “{{title}}”: {{when}} ({{minutes}} min). When it starts you will get the button to mark your attendance.',
    starting: 'The plenary “{{title}}” is starting. Mark your attendance (until {{until}}):',
    attend: 'I am here',
    marked: 'Attendance recorded for the plenary “{{title}}”. Thank you!',
    already: 'Your attendance at the plenary “{{title}}” was already recorded.',
    list_title: 'Plenaries of cycle {{cycle}}: {{count}}',
    line: '{{n}}. {{title}} — {{when}} — {{present}} of {{total}} present',
    none: 'No plenaries yet. Schedule one with “admin new plenary”.',
    below: 'Below the diploma’s attendance threshold ({{threshold}} %): {{count}}',
    none_below: 'Nobody is below the diploma’s attendance threshold ({{threshold}} %).',
    mark_hint:
      'To enter a paper attendance list: “admin attendance <plenary no.> email@… present|absent”. To change or cancel a plenary that has not begun: “admin edit plenary <no.>” or “admin cancel plenary <no.>”.',
    cancel_confirm:
      'Cancel plenary “{{title}}” on {{when}}? I will tell every participant; this cannot be undone.',
    cancel_yes: 'Yes, cancel the plenary',
    cancelled: 'Done: plenary “{{title}}” on {{when}} is cancelled and the participants are being told.',
    cancelled_notice:
      'Plenary “{{title}}” on {{when}} was cancelled. It does not count toward the certificate’s attendance.',
    changed: 'Done: plenary “{{title}}” is now on {{when}}. The participants are being told.',
    changed_notice:
      'Plenary “{{before}}” changed: it is now “{{title}}”, on {{when}} ({{minutes}} min). When it starts you will get the button to mark your attendance.',
    changed_notice_time:
      'Plenary “{{title}}” moved: it is now on {{when}} ({{minutes}} min). When it starts you will get the button to mark your attendance.',
    weekend: 'Plenary “{{title}}” would be on {{when}}: that is a weekend. Keep it?',
    weekend_schedule: 'Yes, schedule it on the weekend',
    weekend_change: 'Yes, move it to the weekend',
    weekend_hint: 'If not, type the command again and choose another date.',
    unknown_number: 'There is no plenary number {{n}} in this cycle. Type “admin plenaries” for the list.',
    present: 'present',
    absent: 'absent',
    admin_marked: 'Recorded: {{name}} is {{state}} at the plenary “{{title}}” of cycle {{cycle}}.',
    admin_already: '{{name}} was already {{state}} at the plenary “{{title}}” of cycle {{cycle}}.',
    none_yet: 'No plenary has taken place in your cycle yet.',
    mine_one: 'You attended {{present}} of 1 plenary ({{percent}} %).',
    mine_other: 'You attended {{present}} of {{count}} plenaries ({{percent}} %).',
  },
  behind: {
    title_one: 'Cycle {{cycle}} ({{phase}}): 1 item behind',
    title_other: 'Cycle {{cycle}} ({{phase}}): {{count}} items behind',
    none: 'Cycle {{cycle}} ({{phase}}): nobody is behind today.',
    group_header: '{{name}} ({{count}})',
    group: {
      no_goal: 'No approved goal',
      waiting_review: 'Goals waiting for their mentor over 48 h',
      no_checkin: 'No weekly check-in',
      few_sessions: 'Pairs with fewer 1:1 sessions than expected by now',
      open_issues: 'Unresolved alerts and restrictions',
      endorsements: 'Supervisor endorsements pending',
      unpaired: 'Mentees without a pair',
    },
    line: {
      no_goal_none: '• {{mentee}} (with {{mentor}}) — has not drafted a goal yet',
      no_goal_draft: '• {{mentee}} (with {{mentor}}) — goal in draft, not sent',
      no_goal_changes_requested:
        '• {{mentee}} (with {{mentor}}) — must resend the goal with the changes asked',
      waiting_review: '• {{mentor}} — “{{title}}” by {{mentee}}, sent {{since}}',
      no_checkin: '• {{mentee}} (with {{mentor}}) — no check-in for the week of {{week}}',
      few_sessions_one: '• {{mentor}} and {{mentee}} — {{held}} of 1 session expected by now',
      few_sessions_other: '• {{mentor}} and {{mentee}} — {{held}} of {{count}} sessions expected by now',
      alert: '• {{mentor}} — alert from {{mentee}}: {{note}}',
      restriction: '• {{mentor}} — restriction from {{mentee}}: {{note}}',
      endorsement: '• {{supervisor}} — endorsement for {{applicant}}, asked {{since}}',
      unpaired: '• {{mentee}}',
      plan_no_goal_none: '• {{mentor}} (plan with {{mentee}}) — has not drafted the mentoring plan yet',
      plan_no_goal_draft: '• {{mentor}} (plan with {{mentee}}) — plan in draft, not sent',
      plan_no_goal_changes_requested:
        '• {{mentor}} (plan with {{mentee}}) — must resend the plan with the changes asked',
      plan_waiting_review:
        '• Coordination — “{{title}}”, of {{mentor}}’s plan with {{mentee}}, sent {{since}}',
      plan_no_checkin: '• {{mentor}} (plan with {{mentee}}) — no check-in for the week of {{week}}',
      plan_alert: '• Coordination — alert in {{mentor}}’s plan with {{mentee}}: {{note}}',
      plan_restriction: '• Coordination — restriction in {{mentor}}’s plan with {{mentee}}: {{note}}',
    },
    remind: 'Remind now',
    suggest_pairs: 'Suggest pairs',
    csv: 'The full list, with emails, is in the CSV file (opens in Excel).',
    home_hint: 'For the full list with emails, as a CSV, send me “admin to do”.',
    file: 'pending-{{cycle}}',
    columns: 'item,person,email,mentee,mentee email,detail',
    reminded_one: 'Done: sending 1 reminder ({{group}}).',
    reminded_other: 'Done: sending {{count}} reminders ({{group}}).',
    reminded_already_one: '1 person already got this reminder in the last 24 hours; I won’t repeat it.',
    reminded_already_other:
      '{{count}} people already got this reminder in the last 24 hours; I won’t repeat it.',
    reminded_nobody: 'Nobody is in “{{group}}” any more: no reminders sent.',
    reminder: {
      title: '“{{title}}”',
      intro: 'The coordinators of cycle {{cycle}} remind you:',
      no_goal_none:
        'you have not registered your program goal yet. Draft it with me: I’ll guide you step by step.',
      no_goal_draft: 'your goal is still a draft. Complete it and send it for review.',
      no_goal_changes_requested: 'your goal has changes requested. Adjust it and send it again.',
      waiting_review_one: 'the goal {{titles}} by {{names}} has waited for your review for over 48 hours.',
      waiting_review_other:
        '{{count}} goals ({{titles}}) by {{names}} have waited for your review for over 48 hours.',
      no_checkin: 'your check-in for the week of {{week}} is missing. It takes a couple of minutes.',
      few_sessions_one:
        'you and {{name}} have held {{held}} of 1 1:1 session expected at this point of the cycle. Propose a date.',
      few_sessions_other:
        'you and {{name}} have held {{held}} of {{count}} 1:1 sessions expected at this point of the cycle. Propose a date.',
      open_issues_one: 'you have 1 unresolved alert or restriction from {{names}}.',
      open_issues_other: 'you have {{count}} unresolved alerts or restrictions from {{names}}.',
      endorsements_one: '{{names}} is waiting for your endorsement to join the program.',
      endorsements_other: '{{names}} are waiting for your endorsement to join the program.',
    },
  },
  history: {
    usage: 'Type “admin history <email>” (and, if you like, the cycle) to see a pair’s history.',
    none: '{{name}} has not been in a pair yet.',
    none_own: 'You have no mentoring pair yet: your history starts when it is formed.',
    not_in_cycle: '{{name}} was in no pair in “{{cycle}}”. Cycles with a history: {{cycles}}.',
    you: 'You',
    title: 'History of {{name}} · {{cycle}}',
    title_own: 'Your history · {{cycle}}',
    with: 'paired with {{mentors}}',
    mentor_span: '{{name}} ({{from}} – {{to}})',
    mentor_since: '{{name}} (since {{from}})',
    withdrawn_on: 'Withdrew from the cycle on {{date}}.',
    no_goals: 'No goals recorded.',
    revisions_one: '{{count}} version',
    revisions_other: '{{count}} versions',
    milestones_one: 'milestone: {{done}} of {{count}} done',
    milestones_other: 'milestones: {{done}} of {{count}} done',
    counts: '{{sessions}} · {{updates}} · {{alerts}}',
    sessions_zero: 'No sessions',
    sessions_one: '{{count}} session ({{held}})',
    sessions_other: '{{count}} sessions ({{held}})',
    held_one: '{{count}} held',
    held_other: '{{count}} held',
    updates_zero: 'no progress reported',
    updates_one: '{{count}} progress update',
    updates_other: '{{count}} progress updates',
    alerts_zero: 'no alerts',
    alerts_one: '{{count}} alert or restriction ({{resolved}})',
    alerts_other: '{{count}} alerts or restrictions ({{resolved}})',
    resolved_count_one: '{{count}} resolved',
    resolved_count_other: '{{count}} resolved',
    latest_one: 'Latest event (of {{total}}):',
    latest_other: 'Latest {{count}} events (of {{total}}):',
    other_cycles: 'There is also a history in: {{cycles}}. Type “{{command}} <cycle>” to see it.',
    own_command: 'history',
    admin_command: 'admin history {{email}}',
    admin_sees:
      'As coordination you see goals, decisions, sessions with their agreements, progress, alerts, evaluations and surveys; each session’s notes belong to the pair and are not shown.',
    director_sees: 'As a director you see states, dates, outcomes and ratings, not what each person wrote.',
    file: 'history-{{name}}-{{cycle}}-{{date}}',
    goal_revision: '“{{title}}” (version {{revision}})',
    on_behalf: 'entered by the coordination from a paper form',
    comment: 'Comment: {{text}}',
    minutes_one: '{{count}} minute',
    minutes_other: '{{count}} minutes',
    notes: 'Notes: {{text}}',
    agreements: 'Agreements: {{text}}',
    reason: 'Reason: {{text}}',
    milestone_of: '“{{goal}}”, milestone “{{milestone}}”',
    progress: 'progress {{value}} %',
    note: 'Note: {{text}}',
    reply: 'Reply: {{text}}',
    resolved: 'resolved on {{date}}',
    strengths: 'Strengths: {{text}}',
    improvements: 'To improve: {{text}}',
    competency_notes: 'Competencies: {{text}}',
    survey: 'satisfaction {{satisfaction}} of 5, recommendation {{recommend}} of 10',
    mentor_note: 'About the mentoring received: {{text}}',
    kind: {
      paired: 'Pair started',
      unpaired: 'Pair ended',
      withdrawn: 'Withdrew from the cycle',
      goal_submitted: 'Goal submitted',
      goal_decided: 'Decision on the goal',
      session: 'Session',
      progress: 'Progress',
      alert: 'Alert',
      restriction: 'Restriction',
      evaluation: 'Final evaluation',
      survey: 'Survey',
      work_report_sent: 'Work report sent',
      work_report_decided: 'Decision on the work report',
      ai_suggestion: 'AI coach asked',
    },
    version: 'version {{revision}}',
    work_report_state: { validated: 'validated: plan carried out', changes_requested: 'changes requested' },
    sheet: { events: 'Timeline', goals: 'Goals and milestones' },
    column: {
      date: 'Date',
      time: 'Time',
      mentee: 'Mentee',
      what: 'What',
      detail: 'Detail',
      goal: 'Goal',
      state: 'State',
      due: 'Due date',
      revisions: 'Versions',
      milestone: 'Milestone',
      milestone_due: 'Milestone due',
      milestone_state: 'Milestone state',
    },
  },
  audit: {
    columns: 'date ({{zone}}),time,action,who,email,via,on behalf of,subject,subject id,details',
    by_cli: 'command line',
    by_bot: 'the bot',
    via: { chat: 'chat', on_behalf: 'on behalf of someone else', cli: 'command line', system: 'automatic' },
    title_one: 'Audit log: {{count}} entry {{from}}.',
    title_other: 'Audit log: {{count}} entries {{from}}.',
    from_start: 'from the start',
    from_date: 'since {{date}}',
    more: 'There are more than {{max}} entries: the file has the first {{max}}. Ask for the next ones with “admin audit since <date>”.',
    hint: 'Every change is kept with who made it, when and through what. Reading this log is recorded too.',
    file: 'audit-{{date}}',
    bad_date: 'I did not understand the date. Write, for example, “admin audit since 2026-11-01”.',
  },
  directory: {
    programs_title_one: '{{count}} program',
    programs_title_other: '{{count}} programs',
    program_line:
      '*{{name}}* — {{kind}} mentoring, {{capacity}} people per mentor, at least {{sessions}} 1:1 sessions',
    kind: { classic: 'classic', reverse: 'reverse' },
    no_cycles: 'No cycles yet: create one with “admin new cycle”.',
    cycles_title_one: '{{count}} cycle',
    cycles_title_other: '{{count}} cycles',
    cycle_line:
      '• {{name}}{{program}} — {{from}} to {{to}} · {{phase}} · {{mentors}}, {{mentees}}, {{pairs}}',
    mentors_one: '{{count}} mentor',
    mentors_other: '{{count}} mentors',
    mentees_one: '{{count}} mentee',
    mentees_other: '{{count}} mentees',
    pairs_one: '{{count}} pair',
    pairs_other: '{{count}} pairs',
    people_title_one: 'Cycle {{cycle}}: {{count}} person enrolled',
    people_title_other: 'Cycle {{cycle}}: {{count}} people enrolled',
    nobody:
      'Nobody is enrolled in cycle {{cycle}} yet: share a roster file (email, name, role…) here to import it.',
    group: {
      mentor: 'Mentors ({{count}})',
      mentee: 'Mentees ({{count}})',
      admin: 'Administration ({{count}})',
      director: 'Directors ({{count}})',
      withdrawn: 'Withdrawn from the cycle ({{count}})',
    },
    withdrawn_line: '• {{name}} — {{email}} — {{role}}, since {{date}}: {{reason}}',
    withdrawn_role: '{{role}} (withdrawn on {{date}})',
    person_line: '• {{name}} — {{email}}',
    paired_with: ' — with {{names}}',
    unpaired: ' — no pair',
    file: 'people-{{cycle}}',
    columns: 'role,name,email,pair',
    roles: {
      mentor: 'mentor',
      mentor_f: 'mentor',
      mentee: 'mentee',
      mentee_f: 'mentee',
      admin: 'admin',
      director: 'director',
    },
    csv: 'The full list is in the CSV file (opens in Excel).',
  },
  programs: {
    kind: { classic: 'Classic (a more senior mentor)', reverse: 'Reverse (a younger mentor)' },
    form: {
      title: 'New program',
      submit: 'Create program',
      name: 'Name',
      kind: 'Kind',
      capacity: 'People per mentor',
      capacity_hint: 'How many people each mentor can take in a cycle.',
      min_sessions: 'Minimum 1:1 sessions',
      whole_number: 'Type a whole number between {{min}} and {{max}}.',
    },
    exists: 'There is already a program called “{{name}}”.',
    created: 'Done: program “{{name}}” created ({{kind}}).',
    next: 'Create its first cycle with “admin new cycle”.',
    unknown: 'I did not find the program “{{name}}”. “admin programs” shows their names.',
    settings: {
      choose: 'The settings of which program? (you can also type its name after the command)',
      title: 'Program settings',
      submit: 'Save settings',
      for_program: 'Settings of the program “{{name}}”: they apply to its cycles from now on.',
      max_goals: 'Goals per mentee (at most)',
      attendance: 'Plenary attendance for the certificate (%)',
      attendance_hint: 'For example 85: whoever attends less gets no certificate.',
      weekday: 'Weekly check-in day',
      quiet_start: 'No messages from',
      quiet_end: 'No messages until',
      quiet_hint:
        'In each person’s time zone. A session reminder waits for the end of these hours only if it still arrives before the session.',
      quiet_same: 'The start and end of the quiet hours cannot be the same.',
      quiet: 'Quiet hours',
      quiet_value: 'from {{start}} to {{end}}',
      bad_time: 'Write the time as HH:MM, for example 20:00.',
      reminders: 'Reminders before each session (hours)',
      reminders_hint: 'Up to five, separated by commas: “24, 1”. Empty: no reminders.',
      reminders_bad:
        'Write up to five numbers of hours, above 0 and up to 336, separated by commas: “24, 1”.',
      hours_one: '{{count}} hour before',
      hours_other: '{{count}} hours before',
      no_reminders: 'none',
      retention: 'Anonymise participants (months after closing)',
      retention_hint:
        'Months after their last cycle ends when mentors and mentees are anonymised (1 to 120). Empty: never.',
      retention_off: 'never',
      retention_months_one: '{{count}} month after closing',
      retention_months_other: '{{count}} months after closing',
      saved: 'Done: I saved the settings of the program “{{name}}”.',
      saved_hint: 'Upcoming reminders already use these settings. It is recorded in the audit log.',
    },
  },
  withdrawal: {
    reason_needed: 'Write the reason too, for example: “admin withdraw {{email}} left the institution”.',
    not_taking_part: '{{name}} takes part neither as a mentor nor as a mentee in a running cycle.',
    confirm: 'Withdraw {{name}} from the cycle {{cycle}}? Reason: “{{reason}}”.',
    effect_pair: 'Their pair with {{mentor}} ends; I tell both of them.',
    effect_sessions_one: '{{count}} session that has not happened yet is cancelled.',
    effect_sessions_other: '{{count}} sessions that have not happened yet are cancelled.',
    effect_records:
      'Their goals, sessions and check-ins stay for the history; the report counts them as withdrawn and leaves them out of the rates and certificates from today.',
    yes: 'Yes, withdraw from the cycle',
    notice_self:
      'The program’s coordinators recorded your withdrawal from the cycle {{cycle}}. You will get no more reminders about it, and what you did is kept. If this is a mistake, write to the program’s coordinators.',
    notice_mentor:
      '{{name}} left the cycle {{cycle}}: their pair with you has ended and the sessions that had not happened yet are cancelled. What you did stays in the history.',
    done: 'Done: I withdrew {{name}} from the cycle {{cycle}} and told {{told}}. It is recorded in the audit log.',
  },
  cycles: {
    dates: {
      title: 'Cycle dates',
      submit: 'Save dates',
      for_cycle:
        'Dates of the cycle “{{name}}” (days in {{zone}}). I do not change a date that would leave something already recorded outside its phase.',
      order:
        'The dates must be in order: enrollment, goals, execution and closing, each after the one before, and the end not before closing.',
      misplaced:
        'I did not change the dates of the cycle “{{name}}”: they would leave what is already recorded outside its phase.',
      fact_before: '{{what}}: there are records from {{date}}, and its phase would open on {{limit}}.',
      fact_after: '{{what}}: there are records until {{date}}, and its phase would close on {{limit}}.',
      fact: {
        goal_draft: 'Goals submitted',
        goal_review: 'Goal reviews',
        session_plan: '1:1 sessions',
        checkin_report: 'Weekly check-ins',
        evaluation_write: 'Final evaluations',
        survey_answer: 'Program surveys',
        applications_apply: 'Applications',
      },
      misplaced_hint: 'Choose dates that keep those records inside their phase, or move only future dates.',
      saved: 'Done: the cycle “{{name}}” has new dates.',
      saved_hint:
        'Phases, permissions and reminders follow the new dates from now on. It is recorded in the audit log.',
    },
    delete: {
      name_it: 'Type the name of the cycle to delete: “admin delete cycle 2027-1”.',
      confirm:
        'Delete the cycle “{{name}}” ({{from}} – {{to}})? Nobody is enrolled in it; the audit log keeps its details.',
      yes: 'Yes, delete the cycle',
      done: 'Done: I deleted the cycle “{{name}}”.',
      not_empty:
        'I did not delete the cycle “{{name}}”: it has {{held}}. Only an empty cycle can be deleted; one under way is shortened or ended by changing its dates (“admin cycle dates”).',
      enrollments_one: '{{count}} person enrolled',
      enrollments_other: '{{count}} people enrolled',
      applications_one: '{{count}} application',
      applications_other: '{{count}} applications',
      plenaries_one: '{{count}} plenary',
      plenaries_other: '{{count}} plenaries',
    },
    choose: 'Several cycles are running: which one? (you can also type its name after the command)',
    unknown: 'I couldn’t find the cycle “{{name}}”. Check how its name is written.',
    none: 'There is no cycle yet: create one with “admin new cycle”.',
    no_program: 'There are no programs yet: create one with “admin new program”.',
    form: {
      title: 'New cycle',
      submit: 'Create cycle',
      program: 'Program',
      name: 'Name',
      name_hint: 'For example: 2027-1.',
      starts: 'Start (enrollment opens)',
      ends: 'End',
      ends_hint:
        'Phases follow from the program: 3 weeks of enrollment, 3 of goal setting, execution and 3 of closing.',
      past_ok: 'Cycle already under way',
      past_ok_yes: 'Yes: it started on a past date and I am recording it on purpose',
    },
    starts_past:
      '{{date}} has passed. If the cycle already began and you are recording it now, tick “Cycle already under way” and send again.',
    exists: 'There is already a cycle called “{{name}}”.',
    bad_dates:
      'The program’s phases do not fit between these dates: the end must come later and leave time for execution.',
    created: 'Done: cycle “{{name}}” created.',
    phase: {
      enrollment: 'Enrollment',
      goal_setting: 'Goal setting',
      execution: 'Execution',
      closing: 'Closing',
      ends: 'End',
    },
    next: 'Import the roster with “mentoria roster import”, then propose pairs with “admin suggest pairs”.',
  },
  competencies: {
    title: 'Competency catalog ({{count}})',
    hint: 'Add: “admin new competency Nombre | Name”. Rename: “admin rename competency key Nombre | Name”.',
    usage:
      'Type the name in Spanish and in English separated by “|”, for example: “admin new competency Negociación | Negotiation”.',
    exists: 'There is already a competency with the key “{{key}}”.',
    unknown: 'There is no competency with the key “{{key}}”. Type “admin competencies” to see the keys.',
    added: 'Done: competency “{{nameEs}}” / “{{nameEn}}” added (key {{key}}).',
    renamed: 'Done: competency {{key}} is now called “{{nameEs}}” / “{{nameEn}}”.',
  },
  paper: {
    not_paired: '{{name}} has no mentor in an active cycle.',
    goal_intro: 'Goal form on behalf of {{name}} (paper form). It will be recorded that you entered it.',
    goal_told:
      '{{admin}} entered your goal “{{title}}” from your paper form; it is now with your mentor for review.',
    evaluation_intro:
      'Final evaluation of {{name}} on behalf of {{mentor}} (paper form). It will be recorded that you entered it.',
    evaluation_told: '{{admin}} entered your final evaluation of {{name}} from your paper form.',
    sessions_title: 'Sessions of {{name}} to record (paper form)',
    no_sessions: '{{name}} has no confirmed session that has started and is waiting to be recorded.',
    session_told: '{{admin}} recorded the session of {{when}} from a paper form: {{outcome}}.',
    session_done: 'Recorded: the session of {{when}} is now “{{outcome}}”.',
  },
  pairs: {
    title: 'Suggested pairs for cycle {{cycle}}: {{count}}',
    line: '• {{mentor}} → {{mentee}} {{why}}',
    shared: 'topics in common: {{topics}}',
    other_unit: 'another unit',
    none: 'No new pairs to suggest: nobody else fits the program rules.',
    left_title:
      'Left without a pair: $t(counted.mentee, {"count": {{mentees}} }) and $t(counted.mentor, {"count": {{mentors}} })',
    left_line: '• {{name}}: {{reason}}',
    reason: {
      level_unknown: 'their level is missing from the roster',
      age_unknown: 'their birth year is missing from the roster',
      no_eligible_mentor: 'no mentor fits the program rules',
      mentors_full: 'the mentors who fit the rules are full',
      no_eligible_mentee: 'no mentee without a mentor fits the rules with them',
      mentees_taken: 'the mentees who fit went to other mentors',
      full: 'no room',
    },
    review_hint:
      'Review the proposal: nothing is saved until you confirm. Each pair gets an introduction message.',
    confirm: 'Confirm pairs ({{count}})',
    stale:
      'The proposal changed since you saw it (did someone confirm it, or change the roster?). This is the current one:',
    applied: 'Done, pairs created: {{count}}. Each person gets an introduction message.',
    paired: 'Done: {{mentor}} will mentor {{mentee}} in cycle {{cycle}}. Both get an introduction message.',
    not_mentee: '{{name}} is not enrolled as a mentee in any cycle.',
    replace: {
      offer:
        '{{mentee}} already has {{old}} as {{their}} mentor in cycle {{cycle}}. Replace them with {{mentor}}?',
      offer_f:
        '{{mentee}} already has {{old}} as {{their}} mentor in cycle {{cycle}}. Replace her with {{mentor}}?',
      offer_m:
        '{{mentee}} already has {{old}} as {{their}} mentor in cycle {{cycle}}. Replace him with {{mentor}}?',
      carry_goals_one: 'The goal and its check-ins move to {{mentor}}.',
      carry_goals_other: 'The {{count}} goals and their check-ins move to {{mentor}}.',
      carry_none: 'No goals recorded yet.',
      carry_waiting_one: '{{count}} goal waiting for review goes to {{mentor}}.',
      carry_waiting_other: '{{count}} goals waiting for review go to {{mentor}}.',
      carry_sessions_one: '{{count}} session scheduled with {{old}} is cancelled.',
      carry_sessions_other: '{{count}} sessions scheduled with {{old}} are cancelled.',
      carry_held: 'Sessions already held still count toward the minimum.',
      button: 'Replace',
      same: '{{mentor}} is already the mentor of {{mentee}} in cycle {{cycle}}.',
      same_f: '{{mentor}} is already the mentor of {{mentee}} in cycle {{cycle}}.',
      same_m: '{{mentor}} is already the mentor of {{mentee}} in cycle {{cycle}}.',
      done: 'Done: {{mentor}} now guides {{mentee}} in cycle {{cycle}}. {{moved}} moved; {{sessions}}. Telling {{mentee}}, {{old}} and {{mentor}}.',
      moved: '$t(counted.goal, {"count": {{goals}} }) and $t(counted.checkin, {"count": {{checkins}} })',
      cancelled_one: '{{count}} scheduled session cancelled',
      cancelled_other: '{{count}} scheduled sessions cancelled',
      cancelled_none: 'no scheduled session to cancel',
      stale:
        'The pairing of {{mentee}} changed since you saw this message: today their mentor is {{mentor}}. Nothing was changed.',
      stale_f:
        'The pairing of {{mentee}} changed since you saw this message: today her mentor is {{mentor}}. Nothing was changed.',
      stale_m:
        'The pairing of {{mentee}} changed since you saw this message: today his mentor is {{mentor}}. Nothing was changed.',
      stale_unpaired:
        'The pairing of {{mentee}} changed since you saw this message: there is no mentor today. Nothing was changed.',
    },
  },
  report: {
    title: 'Report of cycle {{cycle}}',
    participants: 'Participants',
    withdrawn: 'Withdrawn from the cycle',
    withdrawn_value: '{{who}} (out of the rates and certificates from their withdrawal)',
    participants_value:
      '{{total}} ($t(counted.mentor, {"count": {{mentors}} }), $t(counted.mentee, {"count": {{mentees}} }))',
    gender: 'By gender',
    gender_value: 'women {{f}} · men {{m}} · other {{x}} · prefer not to say {{n}} · unknown {{unknown}}',
    institutions: 'By institution',
    regions: 'By region',
    goals: 'Goals',
    approval: 'Median time to approval',
    hours: '{{hours}} h',
    sessions: '1:1 sessions',
    sessions_value:
      '{{held}} held of {{proposed}} proposed; $t(counted.pair, {"count": {{below}} }) below the minimum of {{min}}',
    checkins: 'Weekly check-in response',
    issues: 'Unresolved',
    issues_value:
      '$t(counted.alert, {"count": {{alerts}} }), $t(counted.restriction, {"count": {{restrictions}} })',
    outcomes: 'Evaluation outcomes',
    work_reports: 'Work reports (plans carried out)',
    work_reports_value_one:
      '{{validated}} of {{count}} validated · {{waiting}} to validate · {{changes}} sent back',
    work_reports_value_other:
      '{{validated}} of {{count}} validated · {{waiting}} to validate · {{changes}} sent back',
    satisfaction: 'Satisfaction',
    satisfaction_value:
      'average {{average}} of 5 · NPS {{nps}} · $t(counted.answer, {"count": {{responses}} })',
    plenaries: 'Plenary attendance ({{who}})',
    diplomas: 'Certificates ({{who}})',
    diplomas_value: 'meet the requirements: {{eligible}} · not yet: {{not}}',
    unpaired: 'Mentees without a pair',
    admin_reminders: 'Reminders sent by the coordinators',
    no_cycle:
      'I could not find that cycle. Type “admin report” for the current cycle or “admin report <name>”.',
  },
  prefs: {
    language_set: 'Done, I will speak English with you.',
    language_unknown: 'I do not know that language. Options: {{options}}.',
    snoozed: 'Reminders paused until {{date}}.',
    snooze_past: 'That date has passed; please choose a future one.',
    snooze_too_long: 'I can pause reminders for up to three months.',
    resumed: 'Reminders resumed.',
  },
  phase_rule: {
    goal_draft: 'Goal drafting',
    goal_review: 'Goal review',
    session_plan: 'Planning sessions',
    checkin_report: 'The weekly check-in',
    evaluation_write: 'The final evaluation',
    work_report_write: 'The work report',
    evaluation_acknowledge: 'Acknowledging the evaluation',
    survey_answer: 'The program survey',
    applications_open: 'Opening applications',
    applications_apply: 'The application period',
  },
  errors: {
    phase: {
      not_open: '{{what}} opens on {{date}}.',
      over: '{{what}} closed on {{date}}.',
    },
    slack_rate_limited: 'Slack asks me to wait {{seconds}} s before answering; please try again in a moment.',
    unexpected: 'Something failed on our side and nothing was saved. Please try again in a moment.',
    not_understood: 'I did not understand that message.',
    bad_button: 'That button is not valid or no longer current. Type “help” to see the options.',
    auth: {
      forbidden: 'You cannot do that: it is not your role in this program.',
      other_tenant: 'I could not find that record.',
      read_only: 'Your profile is read-only: you can see results but not change anything.',
    },
    transition: {
      goal: 'Not possible: the goal is “{{state}}”.',
      session: 'Not possible: the session is “{{state}}”.',
      session_not_started:
        'The session has not started yet; you can record whether it happened once it has begun.',
      evaluation: 'Not possible: the evaluation is “{{state}}”.',
      survey: 'You already answered this cycle’s survey. Thank you!',
      issue: 'That situation was already marked as resolved.',
      other: 'That action is no longer possible.',
    },
    record: {
      not_found: 'I could not find that record.',
      changed: 'The record changed in the meantime; please try again with the latest version.',
    },
    pairing: {
      same_person: 'A person cannot be their own mentor.',
      level:
        'The mentor must be at least one hierarchical level above the mentee ({{mentorLevel}} vs {{menteeLevel}}).',
      level_unknown: 'The hierarchical level of one of the two people is missing.',
      age: 'In reverse mentoring the mentor must be at least $t(counted.year, {"count": {{needed}} }) younger (difference: {{gap}}).',
      age_unknown: 'The birth year of one of the two people is missing.',
      mentee_taken: 'That person already has a mentor in this cycle.',
      mentor_capacity: 'That mentor already guides the maximum number of people ({{capacity}}).',
      roles: 'These people do not have the roles needed in the cycle.',
      same_mentor: 'That person is already the mentor of that mentee in this cycle.',
      changed:
        'The pairing changed meanwhile: nothing was changed. Type the command again to see the current one.',
      evaluation_delivered:
        'The final evaluation of this pair was already delivered: at this point of the cycle the mentor cannot change.',
    },
    goal: {
      limit:
        'You already have the program’s maximum number of goals ({{max}}). You can edit or withdraw one.',
      plan_by_mentor:
        'In this program {{mentor}} writes the mentoring plan, and you carry it out together: see it with “goals”.',
      date_outside_execution: 'The date must fall inside the execution period ({{from}} to {{to}}).',
      date_past: 'That date has passed: choose one from today, {{today}}.',
      milestone_after_due: 'A milestone cannot fall after its goal: choose a date up to {{due}}.',
      comment_required: 'To request changes, write a comment explaining what to change.',
      field_invalid: 'A field of the goal is not valid.',
      field_empty: '“{{field}}” is missing.',
      field_too_long: '“{{field}}” is too long (at most {{max}} characters).',
      field_no_indicator: '“{{field}}” needs an indicator: a number, a percentage or evidence.',
      field_title: 'Each milestone needs a title of up to 120 characters.',
    },
    milestone: {
      new_date_required: 'A restriction needs a new date for the milestone.',
      new_date_past: 'The new date must be after today.',
      new_date_late: 'The new date cannot be after the goal’s due date ({{latest}}).',
    },
    session: {
      in_past: 'That date and time have passed; please propose a future moment.',
      duration: 'The duration must be between {{min}} and {{max}} minutes.',
    },
    evaluation: {
      incomplete: 'An approved goal has not been evaluated.',
      exists: 'This pair already has a final evaluation.',
      no_goals: 'There are no approved goals to evaluate.',
      reverse_report:
        'In this program each pair closes with its mentor’s work report, which the coordination validates (“work report”): there is no final evaluation.',
    },
    work_report: {
      not_reverse:
        'The work report belongs to reverse mentoring programs; in this program the pair closes with the final evaluation (“evaluate”).',
    },
    withdrawal: {
      has_mentees:
        'I did not withdraw {{name}}: they still mentor {{mentees}}. First give their mentees another mentor (“admin pair mentor@… mentee@…”, button “Replace”).',
      already: '{{name}} was already withdrawn from the cycle on {{date}}: I did nothing more.',
      not_enrolled: '{{name}} takes part neither as a mentor nor as a mentee in the cycle {{cycle}}.',
      you_left:
        'You no longer take part in the cycle {{cycle}}: the coordinators recorded your withdrawal on {{date}}. If this is a mistake, write to the program’s coordinators.',
    },
    cycle: {
      dates: 'The cycle’s dates are not valid or not in order.',
      unchanged: 'Those are the dates the cycle already has: I changed nothing.',
      not_empty:
        'The cycle “{{name}}” is not empty: only a cycle without people enrolled, applications or plenaries can be deleted.',
      timezone:
        '“{{zone}}” is not a known time zone: use one from the IANA database, such as America/Santiago or America/Mexico_City.',
    },
    survey: { range: 'The value of “{{field}}” must be between {{min}} and {{max}}.' },
    checkin: { nothing_to_report: 'There are no approved goals to report on.' },
    plenary: {
      duration: 'The duration must be 15 to 480 minutes.',
      started: 'That plenary has already begun: it can no longer be changed or cancelled.',
      already_scheduled: 'That plenary is already scheduled: I did not schedule it twice.',
      unchanged: 'Nothing changed in that plenary: no one was told.',
      past: 'The plenary must be in the future.',
      not_participant: 'Only the cycle’s participants mark attendance at its plenaries.',
      not_participant_other: 'That person does not take part in this plenary’s cycle.',
      closed:
        'Attendance is marked during the plenary (from 15 minutes before it starts until 30 minutes after it ends).',
      not_started: 'The plenary has not started yet: attendance is recorded once it has begun.',
    },
    input: {
      empty: 'A required value is missing.',
      too_long: 'The text is too long (at most {{max}} characters).',
      too_short: 'The text is too short: write at least {{min}} characters.',
      message_too_long: 'Your message is too long (at most {{max}} characters). Nothing was saved.',
    },
  },
};
