VAR m_mood = -3
VAR p_calm_before_solving = 0
VAR p_complaint_steps = 0
VAR p_concrete_times = 0
VAR p_follow_up = 0
VAR p_listen_fully = 0
VAR p_lower_voice_angry = 0
-> n_opening

=== n_opening ===
What is wrong with you Huasu people? You did an expansion last night and this morning three sites went down for two whole hours! My outage figures for the month are ruined. So what are you going to do about it?
+ ["Director Liu, it's not all on us. Transmission was doing a cutover last night too..."]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + -2
  He is still furious, so any cause you offer now sounds like an excuse. Let the emotion settle first, then talk about causes.
  -> n_rant_louder
+ [Don't defend yourself yet. Let him tell the whole story and write down the site names and outage times.]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_listen_fully = p_listen_fully + 2
  ~ p_calm_before_solving = p_calm_before_solving + 1
  Letting him finish and visibly taking notes shows you take it seriously, and gives his anger somewhere to go.
  -> n_hears_details
+ ["Don't worry, I'll go to the sites right away. It'll be fixed in no time!"]
  ~ p_complaint_steps = p_complaint_steps + -1
  ~ p_concrete_times = p_concrete_times + -1
  You are leaving before he has finished, with no plan. "Right away" and "in no time" are promises without a time, and they only worry him more.
  -> n_rant_louder
+ [(wait)]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + -1
  Standing there in silence looks like indifference to him. Say something to show you are listening.
  -> n_rant_louder

=== n_rant_louder ===
Director Liu's voice rises: "You're all the same! My boss has been shouting at me all morning. I'm calling Ericsson right now to complain!"
+ ["Director Liu, will you just let me speak!" you say, louder than him.]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_lower_voice_angry = p_lower_voice_angry + -2
  Raise your volume and he will only shout louder. With an angry customer, speak lower than they do.
  -> n_mood_check
+ ["All right, all right, it's all our fault. We'll make it up to you however you like."]
  ~ p_complaint_steps = p_complaint_steps + -1
  Admitting everything and promising anything doesn't calm him, and it sets a trap for the talks later. Hear him out first, then discuss a fix.
  -> n_hears_details
+ [Lower your voice and slow down: "Director Liu, an outage that hits your figures is serious. Tell me exactly what happened; I'll note it all."]
  ~ m_mood = MIN(MAX(m_mood + 2, -5), 3)
  ~ p_lower_voice_angry = p_lower_voice_angry + 2
  ~ p_listen_fully = p_listen_fully + 1
  The lower and slower you speak, the more his volume drops to match yours. Asking for details makes him feel heard.
  -> n_hears_details

=== n_mood_check ===
{
- m_mood <= -5:
  The two of you are shouting at each other, and now he is truly enraged.
  -> n_escalated
- else:
  He is still angry, but at least he starts giving details.
  -> n_hears_details
}

=== n_hears_details ===
"...The alarms started at six. Sites 3 and 5 were completely down and site 8 kept dropping in and out. My boss was at my desk first thing." He stops to catch his breath.
+ ["Two hours down, right when the figures count. I'd be upset too. We are responsible for this, and I apologise."]
  ~ m_mood = MIN(MAX(m_mood + 2, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + 2
  Understanding and a fitting apology move him from anger towards calm. Only then will he listen to a plan.
  -> n_curve_check
+ ["I see. Let me explain the cause first: during last night's expansion, the transmission settings may have..."]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + -1
  ~ p_complaint_steps = p_complaint_steps + -1
  He has only just begun to calm down, and a technical explanation now sounds like self defence. Respond to how he feels first; keep the cause for later.
  -> n_curve_check
+ ["The construction team did the work last night. I was only supervising."]
  ~ m_mood = MIN(MAX(m_mood + -2, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + -2
  Pushing it onto the construction team tells him you are all passing the buck, and his temper flares again. He wants someone to own the problem.
  -> n_curve_check

=== n_curve_check ===
{
- m_mood <= -5:
  -> n_escalated
- m_mood >= 0:
  -> n_calm_talk
- else:
  -> n_still_tense
}

=== n_still_tense ===
"What good is an apology? When will the sites actually be back? Give me a straight answer!"
+ ["I'm leaving now. I'll be at site 3 within forty minutes and I'll call you as soon as I've had a look."]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_concrete_times = p_concrete_times + 2
  A concrete arrival time and a set moment for the next call give him certainty, and something to report to his boss.
  -> n_propose
+ ["We'll deal with it right away and get it back as soon as possible."]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_concrete_times = p_concrete_times + -1
  "Right away" and "as soon as possible" give him nothing to tell his boss, so he only gets more anxious. Give a concrete time you can keep.
  -> n_propose

=== n_calm_talk ===
Director Liu's voice drops: "...All right, it's not you personally I'm angry at. So what do we do now?"
+ ["Leave it with me, I'm off to the sites." You grab your tool bag and go.]
  ~ p_complaint_steps = p_complaint_steps + -1
  He just asked what the plan is and you left without one, so he still has no idea what happens next. Propose, agree, then act.
  -> n_act
+ [Sum it up first: "Sites 3 and 5 down since six, site 8 on and off, and your main worry is today's outage time. Right?"]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_listen_fully = p_listen_fully + 1
  Repeating his key points proves you really listened and pins down what he cares about most, so your plan can aim at it.
  -> n_propose

=== n_propose ===
"So what exactly are you going to do?"
+ [Offer two options: "Replace the board now, back in about an hour; or move traffic to neighbour sites in 15 minutes and fix it tonight. Your call."]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_complaint_steps = p_complaint_steps + 2
  ~ p_concrete_times = p_concrete_times + 1
  Alternatives with a time for each, and the decision left to him. The disagreement dissolves in the choosing.
  -> n_act
+ ["Let me go and work out the cause properly first. I'll let you know when I have something."]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_complaint_steps = p_complaint_steps + -1
  ~ p_concrete_times = p_concrete_times + -1
  No plan and no time leaves him just waiting. The next step in a complaint is to offer options and say how soon each will work.
  -> n_act

=== n_act ===
You get to the sites and within an hour all three are back and the alarms are clear. It is 3 p.m. and you are tired and hungry.
+ [The sites are fine. Pack up and get some sleep; he will call if he needs anything.]
  ~ p_follow_up = p_follow_up + -2
  Fixed is not the same as satisfied. Without a follow up he doesn't know the outcome, or that you still care.
  -> n_fixed_quietly
+ [Text Director Liu "Sites restored", then hurry on to the next job.]
  Better than nothing, but a text is not a follow up. You haven't checked he is satisfied or arranged a later check.
  -> n_wrap_up
+ [Call Director Liu to report the recovery and arrange to go over the alarms and figures with him again tomorrow morning.]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_follow_up = p_follow_up + 2
  Calling back and booking a re check shows him you will see it through. This step turns a complaint into trust.
  -> n_next_day

=== n_next_day ===
Next morning Director Liu checks the figures: "Hm, stable. But how do you make sure this never happens again?"
+ ["I'll write up the cause and the fixes in a report and get it to you by Friday, copied to the Ericsson project manager."]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_complaint_steps = p_complaint_steps + 2
  ~ p_concrete_times = p_concrete_times + 1
  A written cause analysis, preventive measures and a delivery date complete the last step of handling a complaint.
  -> n_wrap_up
+ ["Don't worry, this will never happen again."]
  ~ p_complaint_steps = p_complaint_steps + -1
  An empty guarantee carries no weight. The last step of complaint handling is to find the cause and put prevention in place.
  -> n_wrap_up

=== n_wrap_up ===
{
- m_mood >= 2:
  -> n_resolved
- else:
  -> n_uneasy
}

=== n_resolved ===
Director Liu pats you on the shoulder: "You handled that well. When the report is ready, show it to my boss too."
The end: success.
-> END

=== n_uneasy ===
The problem is solved, but Director Liu still has his doubts about you. At the monthly meeting he brings up the outage again.
The end: partial.
-> END

=== n_fixed_quietly ===
The sites are fixed, but Director Liu never heard from you. At the next day's meeting he says: "Not even a word when it was fixed. I had to see it on the network monitor."
The end: partial.
-> END

=== n_escalated ===
Director Liu slams the door behind him and complains to Ericsson the same day. The Ericsson project manager demands that your company's management come and explain in person.
The end: failure.
-> END
