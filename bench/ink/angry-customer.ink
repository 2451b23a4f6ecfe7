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
+ [Hold on, Director Liu. Transmission had a cutover last night too, so it may not be our expansion. Let me find out.]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + -2
  He is still furious, so any cause you offer now sounds like an excuse. Let the emotion settle first, then talk about causes.
  -> n_rant_louder
+ [Go on, Director Liu. Which sites, since when, and how do they look now? I'm writing it all down as you talk.]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_listen_fully = p_listen_fully + 2
  ~ p_calm_before_solving = p_calm_before_solving + 1
  Letting him finish and visibly taking notes shows you take it seriously, and gives his anger somewhere to go.
  -> n_rant_louder
+ [I'm so sorry, Director Liu! I'm taking the team to the sites right now. It'll be back up in no time; wait for my call.]
  ~ p_complaint_steps = p_complaint_steps + -1
  ~ p_concrete_times = p_concrete_times + -1
  You are leaving before he has finished, with no plan, and "in no time" is a promise without a time. It only worries him more.
  -> n_rant_louder
+ [(wait)]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + -1
  Standing there in silence looks like indifference to him. Say something to show you are listening.
  -> n_rant_louder

=== n_rant_louder ===
Liu's phone buzzes. He glances at it and his voice shoots up again: "My boss is chasing me again! Talking to you lot is useless. I'm calling Ericsson right now to complain!"
+ [(Your voice rising to match his) Director Liu! Hold off on that call and hear me out. We will see this through, I promise you!]
  ~ m_mood = MIN(MAX(m_mood + -2, -5), 3)
  ~ p_lower_voice_angry = p_lower_voice_angry + -2
  The words were fine, but the moment your volume rises he shouts louder, and now you are arguing. With an angry customer, speak lower than they do.
  -> n_escalated
+ [(Smiling anxiously, talking fast) All right, all right, it's all our fault. We'll make it up however you like. Just don't make that call.]
  ~ p_complaint_steps = p_complaint_steps + -1
  Admitting everything and promising anything doesn't calm him, and it sets a trap for the talks later. He wants someone who listens and acts.
  -> n_hears_details
+ [(Quieter and slower than him) Director Liu, two hours is far too long, you're right. Have a seat and tell me where things stand.]
  ~ m_mood = MIN(MAX(m_mood + 2, -5), 3)
  ~ p_lower_voice_angry = p_lower_voice_angry + 2
  ~ p_calm_before_solving = p_calm_before_solving + 1
  The lower and slower you speak, the more his volume drops to match yours. Asking how things stand makes him feel heard.
  -> n_hears_details

=== n_hears_details ===
"...The alarms started at six. Sites 3 and 5 were completely down and site 8 kept dropping in and out. My boss was at my desk first thing." He stops to catch his breath.
+ [I see, Director Liu. I think last night's expansion changed a transmission setting. Let me explain roughly what happened.]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + -1
  ~ p_complaint_steps = p_complaint_steps + -1
  He has only just begun to calm down, and a technical explanation now sounds like self defence. Respond to how he feels first; keep the cause for later.
  -> n_curve_check
+ [Two hours down, right when the monthly figures count. Anyone would be upset. This is on us, and I apologise.]
  ~ m_mood = MIN(MAX(m_mood + 2, -5), 3)
  ~ p_calm_before_solving = p_calm_before_solving + 2
  Understanding and a fitting apology move him from anger towards calm. Only then will he listen to a plan.
  -> n_curve_check
+ [Director Liu, the crew did the actual work last night. I'll call them in and get you answers face to face.]
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
"What good is all that? When will the sites actually be back? Give me a straight answer!"
+ [Don't worry, Director Liu. We're getting people on it right away and we'll have it back as fast as we can.]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_concrete_times = p_concrete_times + -1
  "Right away" and "as fast as we can" give him nothing to tell his boss, so he only gets more anxious. Give a concrete time you can keep.
  -> n_propose
+ [I promise you all three sites will be back within half an hour. If they're not, come and find me!]
  ~ p_concrete_times = p_concrete_times + -1
  That is a time, but you haven't seen the sites yet and probably can't keep it. Only give a time you can be sure of.
  -> n_propose
+ [I'm leaving now. I'll be at site 3 in forty minutes and call you within ten minutes of getting there.]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_concrete_times = p_concrete_times + 2
  A concrete arrival time and a set moment for the next call give him certainty, and something to report to his boss.
  -> n_propose

=== n_calm_talk ===
Liu's voice drops. "...All right, it's not you personally I'm angry at. So what do we do now?"
+ [Let me check I have it. Sites 3 and 5 down since six, site 8 on and off, and today's outage time worries you most. Right?]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_listen_fully = p_listen_fully + 1
  Repeating his key points proves you really listened and pins down what he cares about most, so your plan can aim at it.
  -> n_propose
+ [Leave it with me. I'll know the cause as soon as I see the sites. I'm heading there now and I'll keep you posted.]
  ~ p_complaint_steps = p_complaint_steps + -1
  He just asked what the plan is and you left without one, so he still has no idea what happens next. Propose, agree, then act.
  -> n_act
+ [I've got a good idea of the cause. It's almost certainly the transmission settings. I'll put them back, so you needn't worry.]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_complaint_steps = p_complaint_steps + -1
  He told you site 8 is on and off, yet you jumped to a cause without checking. Propose only once you're sure you have the problem right.
  -> n_propose

=== n_propose ===
"So what exactly are you going to do?"
+ [I'll go back and comb through the logs and the configuration until I have the real cause, then report to you the moment I know.]
  ~ m_mood = MIN(MAX(m_mood + -1, -5), 3)
  ~ p_complaint_steps = p_complaint_steps + -1
  ~ p_concrete_times = p_concrete_times + -1
  Thorough, but he is left with no plan and no time, just waiting. The next step in a complaint is to offer options and say how soon each works.
  -> n_act
+ [Two ways. Swap the board now: back in about an hour. Or move traffic to the neighbours: 15 minutes, with a full fix tonight. Your call.]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_complaint_steps = p_complaint_steps + 2
  ~ p_concrete_times = p_concrete_times + 1
  Alternatives with a time for each, and the decision left to him. The disagreement dissolves in the choosing.
  -> n_act
+ [I'll go and swap the transmission board now; it'll be back in about an hour. You needn't do a thing. I'll call you when it's done.]
  ~ p_complaint_steps = p_complaint_steps + -1
  ~ p_concrete_times = p_concrete_times + 1
  The time is clear, but you decided alone. A board swap means another outage, and he might rather shift traffic first. Give him options and let him decide.
  -> n_act

=== n_act ===
You get to the sites and within an hour all three are back and the alarms are clear. It is 3 p.m., you haven't eaten all day, and the next job is waiting.
+ [Text Director Liu: "All three sites restored, alarms clear, nothing to worry about." Then hurry on to the next job.]
  ~ p_follow_up = p_follow_up + -1
  Better than nothing, but a text is not a follow up. You haven't checked he is satisfied or arranged a later check.
  -> n_wrap_up
+ [The alarms are clear and he can see that on the monitor himself. Go back, eat something and rest; he'll call if he needs you.]
  ~ p_follow_up = p_follow_up + -2
  Fixed is not the same as satisfied. Without a follow up he doesn't know the outcome, or that you still care.
  -> n_fixed_quietly
+ [Phone Director Liu to say how the recovery went, and arrange to go over the alarms and traffic figures with him in the morning.]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_follow_up = p_follow_up + 2
  Calling back and booking a re check shows him you will see it through. This step turns a complaint into trust.
  -> n_next_day

=== n_next_day ===
Next morning Director Liu checks the figures. "Hm, stable. But how do you make sure this never happens again?"
+ [Director Liu, the whole team has learnt from this. We'll take twice the care on every expansion. It won't happen again, you have my word.]
  ~ p_complaint_steps = p_complaint_steps + -1
  Sincere, but an empty guarantee carries no weight. The last step of complaint handling is to find the cause and put prevention in place.
  -> n_wrap_up
+ [I'll write up the cause and the preventive steps in a report and get it to you by Friday, copied to the Ericsson project manager.]
  ~ m_mood = MIN(MAX(m_mood + 1, -5), 3)
  ~ p_complaint_steps = p_complaint_steps + 2
  ~ p_concrete_times = p_concrete_times + 1
  A written cause analysis, preventive measures and a delivery date complete the last step of handling a complaint.
  -> n_wrap_up
+ [We found it. One transmission board's settings weren't fully updated during the expansion. I've checked the other sites too, so rest easy.]
  You explained the cause and checked the other sites, which is good. But with no written prevention, the next crew can make the same mistake.
  -> n_wrap_up

=== n_wrap_up ===
{
- m_mood >= 2:
  -> n_resolved
- else:
  -> n_uneasy
}

=== n_resolved ===
Director Liu pats you on the shoulder. "You handled that well. When the report is ready, show it to my boss too."
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
The two of you get louder and louder until Director Liu slams the door behind him and complains to Ericsson the same day. The Ericsson project manager demands that your company's management come and explain in person.
The end: failure.
-> END
