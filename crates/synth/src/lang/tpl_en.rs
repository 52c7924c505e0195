//! English (US) message templates for cardiopulmonary chronic care: messages
//! as an extension of the visit, care coordination, proxies, confusion about
//! what is non-urgent. Greeting and sign-off are added by the profile.

/// Symptom reports (patient).
pub const SYMPTOM: &[&str] = &[
    "my weight is up 4 pounds since {wday} and my ankles are swollen. Should I take an extra {med}?",
    "I've been more short of breath climbing stairs since {wday}. Not sure if this is urgent or can wait until my appointment on {date}.",
    "my home readings this week: {lab}. Is that OK?",
    "I had a coughing spell last night around {time}, brought up some yellow stuff. Do I need the {med} again?",
    "I feel dizzy when I stand up since starting {med} {dose}.",
    "heart was racing this morning for about 20 minutes. It stopped on its own. I have a-fib and take {med}.",
    "not sure if this counts as non-urgent but my oxygen was {lab} after walking to the mailbox.",
    "SINCE YESTERDAY I CANT LIE FLAT WITHOUT GETTING WINDED. PLEASE ADVISE",
    "i have been using my rescue inhaler 4-5 times a day since {wday}, is that too much",
    "I hope this is not urgent, but may I ask whether the brown inhaler or the green one comes first in the morning?",
    "we had frost last night and the cold air makes my breathing worse. Will the rehab class still meet on {wday}?",
    "the swelling in my legs is better since you doubled the {med}. Down to {dose} now like you said.",
];

/// Refill and pharmacy requests (patient).
pub const REFILL: &[&str] = &[
    "can I get a refill of {med} {dose} sent to the {inst} on {addr}?",
    "the pharmacy says they need a new prescription for {med}. I have 3 pills left.",
    "my insurance stopped covering {med}. Is there something cheaper? My {idno}.",
    "please send my {med} to mail order this time, 90 day supply.",
    "I ran out of my {med} on {date}. Is it OK to skip a few days?",
    "{inst} says the prior authorization for {med} expired in {month}.",
    "could you call in a refill for my {med}? The number for the pharmacy is {phone}.",
];

/// Questions after a visit, about results or the plan (patient).
pub const QUESTION: &[&str] = &[
    "at my visit on {date} you mentioned changing my {med}. Should I start the new dose now or wait for the echo?",
    "I saw my {lab} in the portal. What does that mean?",
    "I forgot to ask during the visit: can I still have a glass of wine with {med}?",
    "I'm {page} years old, is the flu shot still recommended with {med}?",
    "do I need to fast before the blood work {rel_date}?",
    "is it safe to fly to see my grandkids in {city} with my oxygen?",
    "you said to call if my weight goes up more than 3 lbs. It went up 2.5. Is that close enough?",
    "what did {C2} say about my stress test? I haven't heard anything.",
    "my {rel} {O} wants to know if I can drive after the cardioversion on {date}.",
    "the discharge papers from {inst} say to follow up in 1 week. Do I need to see you or {C2}?",
];

/// Care coordination and appointments (patient).
pub const COORDINATION: &[&str] = &[
    "this is {me}, DOB {dob}. I was seen at {inst} in {month_year} and need those notes in my chart.",
    "can you send my records to {C2} at {inst}? Their fax is {phone}.",
    "I have appointments with cardiology and pulmonary on the same day, {date}. Can they be combined?",
    "my new address is {addr}. Please update my chart.",
    "the VNA nurse {O} will come {rel_date}. Can she get the orders for the blood draw?",
    "I need a letter for my employer saying I can work from home, they need it by {date}.",
    "who do I call for the results of the sleep study? I called {rel_past} and nobody got back to me.",
    "my email changed to {email}, can you update it?",
    "I need to reschedule my pulmonary rehab on {wday} at {time}.",
    "is {C2} in network with {inst}? My {idno}.",
];

/// Messages by a family member or caregiver (proxy).
pub const PROXY: &[&str] = &[
    "this is {Pposs} {rel}, I help manage {my_pat}'s meds. {Pfirst} seems more confused since the {med} was started.",
    "I'm writing for {my_pat} {P}. {Pfirst} was up all night coughing and won't call the office. Can someone call me at {phone}?",
    "{my_pat} is {page} and has very swollen legs today. Should we go to the ER or wait?",
    "we're not sure if this is urgent, but {Pfirst} has been sleeping most of the day and not eating.",
    "hi, {O} here, {Pposs} {rel}. Can we move {my_pat}'s appointment from {date} to a Friday so I can drive?",
    "I am {Pposs} caregiver. The home oxygen company {inst} needs a new order for 2 L at night.",
    "{my_pat} {P} doesn't use the portal, so I'm sending this. The weight today is 182, up from 176 on {date}.",
    "can you tell me what the plan is after the hospital? {Pfirst} was discharged {rel_past} and we have no follow up.",
];

/// Replies by a provider.
pub const REPLY: &[&str] = &[
    "thanks for letting me know. Please take an extra {med} {dose} today and tomorrow and send me your weights on {wday}.",
    "that sounds like it could be serious. If you are short of breath at rest, please call 911 or go to the ER. Otherwise we will call you {rel_date}.",
    "your results look stable. {lab} is about where we expect it.",
    "yes, start the new dose now. We will recheck labs in two weeks.",
    "I spoke with {C2} and we agree to hold the {med} until your visit on {date}.",
    "the refill has been sent to your pharmacy.",
    "it is fine to fly, but please bring enough oxygen and a copy of your prescription.",
    "please do not skip doses of {med}. I have sent a new prescription to {inst}.",
    "I'd like to see you sooner. {S} will call you to schedule this week.",
    "messages are for non-urgent questions only. For anything like chest pain, call 911.",
    "the echo showed an EF of 40%, which is a little better than in {month}. Great work with the diet.",
];

/// Notes started by a provider: results, follow-up after a visit.
pub const PROVIDER_NOTE: &[&str] = &[
    "your echocardiogram from {date} is back. The pumping function (EF) is 35%, stable compared to last year.",
    "checking in after your hospital stay at {inst}. How is your breathing? Please send your daily weights.",
    "your pulmonary function test showed mild improvement. Keep using the {med} {dose}.",
    "I have reviewed the note from {C2}. We will start {med} at {dose}.",
    "reminder: please get your INR checked before {date}.",
    "as we discussed at your visit, here is the information about pulmonary rehab: {url}",
];

/// Notes by nurses and coordinators: scheduling, faxes, prior authorizations.
pub const STAFF_NOTE: &[&str] = &[
    "we have scheduled your stress test for {date} at {time}. Please do not eat or drink after midnight.",
    "we faxed your records to {C2} at {inst} today.",
    "the prior authorization for {med} was approved through {month_year}.",
    "your home health referral has been sent to {inst}. They will contact you at {phone}.",
    "{C} asked me to check in: did you get the new scale we ordered?",
    "please complete the pre-visit questionnaire before your appointment on {wday}: {url}",
    "we received a message from your {rel} {O}. Per your proxy form we can share results with them.",
];

/// Subjects of patient and proxy messages.
pub const SUBJECT_PATIENT: &[&str] = &[
    "Question",
    "Refill request",
    "Medication question",
    "Swelling",
    "Shortness of breath",
    "Appointment",
    "Test results",
    "Non-urgent medical question",
    "Records request",
    "Update",
    "",
    "Question about {med}",
];

/// Subjects of provider and staff messages.
pub const SUBJECT_CLINICIAN: &[&str] = &[
    "Your test results",
    "Follow-up",
    "Checking in",
    "Appointment scheduled",
    "Prior authorization",
    "Records sent",
    "Your visit on {date}",
];

/// Paragraphs now and then added to a patient's or proxy's message, drawn
/// apart from the rest of the message: forms and table rows (`Name: …`,
/// `Emergency contact | …`), a forwarded mail's header, a care home, and a
/// person or town named twice, the second time without context.
pub const EXTRA: &[&str] = &[
    "My details:\nName: {me}\nDate of birth: {dob}\nPhone: {phone}\nEmergency contact: {Ofull}",
    "Name | {me}\nDOB | {dob}\nEmergency contact | {Ofull}, {phone}",
    "---------- Forwarded message ---------\nFrom: {Ofull} <{email}>\nDate: {date}\nSubject: test results",
    "Mom has lived {home} since {month_year} and likes it there.",
    "Our neighbor {Ofull} does the shopping. I asked {Olast} to pick up the mail too.",
    "We are moving to {city} in the spring. Rent in {again_city} is lower.",
];
