import type { es } from './es.ts';

/** English. Same keys as Spanish (the type enforces it); English has no gendered variants, so those repeat. */
export const en: typeof es = {
  lang: 'en',
  common: {
    cancel: 'Cancel',
    done: 'Done',
    none: 'None',
    save: 'Save',
    send: 'Send',
    skip_hint: 'Type “-” to leave it blank.',
  },
  words: { mentor: 'mentor', mentor_f: 'mentor', mentor_m: 'mentor' },
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
  },
  dates: {
    unreadable_date: 'I could not read that date. Try “30/06”, “June 30” or “2026-06-30”.',
    unreadable_datetime:
      'I could not read that date and time. Try “tomorrow 10:00”, “Tuesday 4:30pm” or “15/04 at 9”.',
    needs_time: 'I need a time too. For example: “15/04 at 10:00”.',
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
      admin:
        'You coordinate the program: you will see every pair’s progress, goals waiting for approval and unresolved restrictions.',
      director: 'You can read the program’s results and figures. Your profile is read-only.',
      none: 'You are not part of any mentoring cycle yet. If you think this is a mistake, please contact Human Resources.',
    },
    phases_title: 'Dates of “{{program}}”, cycle {{cycle}}:',
    now: 'Current phase: {{phase}}.',
    next: {
      mentee: 'To start, type “new goal” and I will help you draft your first goal.',
      mentor:
        'When your mentee submits a goal, it will arrive here with buttons to approve it or ask for changes.',
      admin: 'Type “todo” to see the state of the cycle.',
      director: 'Type “todo” to see the state of the cycle.',
      none: 'Type “help” to see what I can do.',
    },
    help_hint: 'At any time: “help”, “todo” or “cancel”.',
  },
  help: {
    title: 'What can I do for you?',
    commands: {
      mentee:
        '• “new goal” — draft a goal step by step (“goal form” to fill in one form)\n• “goals” — your goals and their state\n• “new session” / “sessions” — propose and see sessions\n• “check-in” — weekly progress on your goals\n• “evaluate” — see your final evaluation',
      mentor:
        '• “goals” — your mentees’ goals\n• “new session” / “sessions” — propose and see sessions\n• “evaluate” — final evaluation of each goal',
      admin:
        '• “todo” — state of the cycle: goals awaiting approval, alerts and restrictions\n• “goals” — goals by state',
      director: '• “todo” — state of the cycle (read-only)',
      none: '• “hello” — an introduction to the program',
    },
    common:
      '• “todo” — what you have pending\n• “language es” — cambiar a español\n• “snooze until 15/04” / “resume” — pause reminders\n• “cancel” — leave the current conversation',
  },
  menu: {
    new_goal: 'New goal',
    goals: 'My goals',
    new_session: 'Propose a session',
    sessions: 'Sessions',
    checkin: 'Weekly check-in',
    pending: 'To do',
    evaluate: 'Evaluation',
    help: 'Help',
  },
  smart: {
    specific: {
      ok: 'Good, it is specific.',
      too_short:
        'Tell me a bit more: a specific goal says what action you will take and on what (e.g. “Hold weekly follow-up meetings with my team”).',
      no_action:
        'The action is missing: start with a verb saying what you will do (improve, organise, implement, write…) and on what.',
    },
    measurable: {
      ok: 'It has a measurable indicator.',
      no_indicator:
        'To be measurable it needs an indicator: a number (“12 meetings”), a percentage (“80% attendance”) or observable evidence (“published report”, “course certificate”).',
    },
    achievable: {
      ok: 'Got it.',
      too_short: 'Explain it in a sentence: what resources, time or support do you have to achieve it?',
    },
    relevant: {
      ok: 'Got it.',
      too_short: 'Explain it in a sentence: why does this goal matter for your work or your unit?',
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
      milestones_more: 'You have {{count}} milestone(s). Type another as “title; date” or press “Done”.',
      edit_pick: 'Which part do you want to change?',
    },
    hint: {
      title: 'Example: “Improve communication with my team”.',
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
      title: 'Here is your goal. Shall I send it to your mentor?',
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
      'This goal is already approved: if you change it, it goes back to your mentor for review.',
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
    none_yet: 'You have no goals yet. Type “new goal” to start.',
    not_participant: 'You are not part of an active mentoring pair.',
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
    intro: 'Weekly check-in: I will ask about your {{count}} approved goal(s) and their milestones.',
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
      note: 'Say it in a short sentence so your mentor can help.',
    },
    done: 'Thank you! This week’s progress is recorded.',
    done_with_issues:
      'Thank you! Your progress is recorded and I told your mentor about {{count}} alert(s) or restriction(s).',
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
    intro: 'Final evaluation: we will go through {{count}} approved goal(s), one at a time.',
    all_done: 'You have already evaluated all your mentees.',
    not_yet:
      'Your evaluation is not available yet: your mentor will share it with you in your final conversation.',
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
      recommend: 'How likely are you to recommend the program to a colleague? (0 to 10)',
      comment: 'Any comment about the program?',
      mentor_note: 'Anything you want to say about your mentor? (only the coordinators will see it)',
    },
    hint: {
      satisfaction: '1 = not at all satisfied, 5 = very satisfied.',
      recommend: '0 = not at all likely, 10 = extremely likely.',
    },
    coach: { satisfaction: 'Choose a number from 1 to 5.', recommend: 'Choose a number from 0 to 10.' },
    thanks: 'Thank you for your answers and for taking part in the program!',
  },
  pending: {
    title: 'You have {{count}} thing(s) to do:',
    none: 'All caught up! Nothing pending.',
    first_goal: 'Draft your first goal.',
    goal_draft: 'Your goal “{{title}}” is a draft.',
    goal_changes_requested: 'Your goal “{{title}}” has changes requested.',
    waiting_mentor: '{{count}} goal(s) are waiting for {{mentor}}’s review.',
    checkin: 'Report this week’s progress.',
    acknowledge: 'Your final evaluation is ready: read it and acknowledge it.',
    survey: 'Answer the program’s satisfaction survey.',
    review: '{{name}} is waiting for your review of the goal “{{title}}”.',
    issue: '{{name}}: unresolved {{status}} — {{note}}',
    evaluate: 'Evaluate {{name}}’s goals.',
    release: 'Release the evaluation to {{name}} after your final conversation.',
    session_answer: 'A session proposal to answer:',
    session_report: 'Did the session with {{name}} on {{when}} happen?',
    overview:
      'Cycle {{cycle}} ({{phase}}): {{submitted}} goal(s) awaiting approval, {{changes}} with changes requested, {{approved}} approved; {{alerts}} alert(s) and {{restrictions}} restriction(s) unresolved.',
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
    admin_digest: {
      summary: '{{count}} restriction(s) unresolved',
      text: 'Weekly summary of cycle {{cycle}}: {{restrictions}} restriction(s) and {{alerts}} alert(s) unresolved.',
    },
  },
  prefs: {
    language_set: 'Done, I will speak English with you.',
    language_unknown: 'I do not know that language. Options: {{options}}.',
    snoozed: 'Reminders paused until {{date}}.',
    snooze_past: 'That date has passed; please choose a future one.',
    snooze_too_long: 'I can pause reminders for up to three months.',
    resumed: 'Reminders resumed.',
  },
  errors: {
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
      age: 'In reverse mentoring the mentor must be at least {{needed}} year(s) younger (difference: {{gap}}).',
      age_unknown: 'The birth year of one of the two people is missing.',
      mentee_taken: 'That person already has a mentor in this cycle.',
      mentor_capacity: 'That mentor already guides the maximum number of people ({{capacity}}).',
      roles: 'These people do not have the roles needed in the cycle.',
    },
    goal: {
      limit:
        'You already have the program’s maximum number of goals ({{max}}). You can edit or withdraw one.',
      date_outside_execution: 'The date must fall inside the execution period ({{from}} to {{to}}).',
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
    },
    session: {
      in_past: 'That date and time have passed; please propose a future moment.',
      duration: 'The duration must be between {{min}} and {{max}} minutes.',
    },
    evaluation: {
      incomplete: 'An approved goal has not been evaluated.',
      exists: 'This pair already has a final evaluation.',
      no_goals: 'There are no approved goals to evaluate.',
    },
    cycle: { dates: 'The cycle’s dates are not valid or not in order.' },
    survey: { range: 'The value of “{{field}}” must be between {{min}} and {{max}}.' },
    checkin: { nothing_to_report: 'There are no approved goals to report on.' },
    input: {
      too_long: 'The text is too long (at most {{max}} characters).',
      message_too_long: 'Your message is too long (at most {{max}} characters). Nothing was saved.',
    },
  },
};
