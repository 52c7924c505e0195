//! German message templates (psychiatric outpatient follow-up). Greeting and
//! sign-off are added around the body by the profile.

/// Clinician initial notes: check-ins on symptoms and medication, and
/// organisational notes.
pub const NOTE: &[&str] = &[
    "wie geht es Ihnen seit der Umstellung auf {med} {dose}? Schlafen Sie inzwischen besser? Melden Sie sich gern hier im Portal.",
    "ich wollte kurz nachfragen, wie die ersten Tage mit {med} ({sched}) verlaufen sind. Haben Sie Nebenwirkungen bemerkt, zum Beispiel {symptom}?",
    "Ihr nächster Termin bei uns ist am {date} um {time}. Bitte bringen Sie Ihre Medikamentenliste mit.",
    "nach unserem Gespräch am {date} möchte ich mich erkundigen, ob die Gruppe am {wday} für Sie passt.",
    "die Laborwerte vom {date} sind da: der Lithiumspiegel liegt im Zielbereich. Bitte nehmen Sie {med} weiter {sched}.",
    "wie kommen Sie mit dem Stimmungstagebuch zurecht? Schreiben Sie mir gern bis {rel_date}, was Ihnen aufgefallen ist.",
    "ich bin ab {date} im Urlaub. In dieser Zeit vertritt mich {C2}. In dringenden Fällen erreichen Sie die Ambulanz unter {phone}.",
    "Ihre Krankmeldung liegt zur Abholung bereit. Sie können sie {rel_date} am Empfang bei {S} abholen.",
    "wir haben Ihnen den Antrag für die Reha in der {inst} vorbereitet. Bitte prüfen Sie die Angaben zu Ihrer Adresse ({addr}).",
    "wie ist es Ihnen nach dem Wechsel von {med} auf {med} ergangen? Die Dosis bleibt zunächst bei {dose} {sched}.",
    "es tut mir leid, dass der Termin am {wday} ausfallen musste. Hätten Sie am {date} um {time} Zeit?",
    "ich schicke Ihnen wie besprochen die Informationen zur Selbsthilfegruppe in {city}: {url}",
    "der Befund aus der {inst} ist angekommen. Auffällig ist nichts, die Kraft 5/5 an allen Extremitäten, Babinski negativ.",
    "bitte denken Sie an die Blutabnahme {rel_date}, nüchtern, möglichst vor {time}.",
    "wie war die erste Woche zurück bei der Arbeit? Das Wiedereingliederungsmodell gilt bis {date}.",
    "ich habe Ihr Rezept für {med} {dose} an die Apotheke geschickt. Es ist ab {rel_date} abholbereit.",
    "wie geht es Ihnen mit der neuen Tagesstruktur? Sie hatten erzählt, dass das Kochen und die Spaziergänge am Morgen helfen.",
    "DRINGEND: Bitte melden Sie sich wegen Ihres Termins am {date} telefonisch unter {phone}.",
];

/// Patient responses: reporting and feedback on symptoms and medication.
pub const REPORT: &[&str] = &[
    "mir geht es etwas besser. Die {symptom} sind weniger geworden, aber ich wache immer noch gegen {time} auf.",
    "seit ich {med} {dose} nehme, habe ich {symptom}. Ist das normal? Ich nehme es {sched}.",
    "leider war die letzte Woche schwer. Am {wday} hatte ich wieder eine Panikattacke im Supermarkt.",
    "die Tabletten vertrage ich gut. Nur morgens ist mir manchmal schwindelig, vor allem {rel_past}.",
    "ich habe das Stimmungstagebuch geführt, an 5 von 7 Tagen war die Stimmung bei 6/10. Am {date} war ein schlechter Tag.",
    "der Schlaf ist besser, seit ich {med} abends nehme. Ich schlafe jetzt fast 7 Stunden.",
    "ich habe {rel_past} die Dosis selbst auf {dose} reduziert, weil ich so müde war. War das in Ordnung?",
    "mein Hausarzt {C2} hat mir wegen {eponym} noch {med} verschrieben. Passt das zusammen mit meinen anderen Medikamenten?",
    "mir ging es nicht gut. Am {date} war ich in der Notaufnahme der {inst}, man hat mich aber wieder nach Hause geschickt.",
    "ICH SCHLAFE SEIT TAGEN KAUM NOCH, BITTE MELDEN SIE SICH.",
    "das Grübeln ist weniger. Ich gehe jeden Morgen mit dem Hund raus, meistens so um {time}.",
    "ich habe zugenommen, fast 4 kg seit {month}. Liegt das am {med}?",
    "Die Unruhe am Abend ist geblieben. Meine {rel} {O} meint, ich sei gereizter als früher.",
    "mein Sohn hat seine Ausbildung zum Koch abgebrochen, das belastet mich sehr. Der Bauer nebenan hat ihm jetzt Arbeit angeboten.",
    "ich habe Angst vor dem Winter. Letztes Jahr war ich im Januar wie ein einsamer Wolf, ganz allein in der Wohnung.",
    "es geht auf und ab. Im Winter ist es bei mir immer schlimmer, das kenne ich schon.",
    "Seit {wday} habe ich keine Albträume mehr. Die Dosis {dose} {sched} scheint gut zu sein.",
];

/// Patient responses: gratitude and well-wishes (interpersonal).
pub const INTER: &[&str] = &[
    "vielen Dank für Ihre schnelle Antwort, das hat mir sehr geholfen.",
    "danke, dass Sie sich so viel Zeit für mich nehmen. Ich wünsche Ihnen einen schönen Urlaub!",
    "herzlichen Dank auch an {S}, die am Telefon so freundlich war.",
    "ich wollte mich nur bedanken. Ohne Ihre Hilfe hätte ich das letzte Jahr nicht geschafft.",
    "Frohe Weihnachten und alles Gute für das neue Jahr, auch an das ganze Team der {clinic}!",
    "danke für die Geduld mit mir. Ich weiß, dass ich nicht immer einfach bin.",
    "Ich wünsche Ihnen ein schönes Wochenende und viel Glück mit dem Umzug, von dem Sie erzählt haben.",
    "vielen lieben Dank! Meine {rel} {O} lässt auch grüßen.",
];

/// Patient responses: self-reflection and self-encouragement (intrapersonal).
pub const INTRA: &[&str] = &[
    "ich merke, dass ich mir zu viel vornehme. Ich versuche jetzt, jeden Tag nur eine Sache zu erledigen.",
    "heute habe ich es geschafft, allein einkaufen zu gehen. Ich bin ein bisschen stolz auf mich.",
    "ich habe viel nachgedacht über das, was Sie am {date} gesagt haben. Vielleicht ist es wirklich die Angst vor dem Alleinsein.",
    "ich will nicht aufgeben. Die Sonne kommt raus und ich gehe wieder in den Garten.",
    "manchmal frage ich mich, ob es jemals besser wird. Aber dann erinnere ich mich an {month_year}, da ging es mir schon mal gut.",
    "ich schreibe jetzt jeden Abend drei gute Dinge auf. Gestern: Kaffee mit {O}, Sonne, ein gutes Buch.",
    "Ich brauche Ruhe, das habe ich jetzt verstanden. Die Arbeit muss warten.",
    "es fällt mir schwer, aber ich versuche, freundlicher zu mir selbst zu sein, wie Sie es vorgeschlagen haben.",
    "Ich habe Hoffnung, dass es mit der neuen Therapie aufwärts geht.",
];

/// Patient responses: appointments and paperwork (organisational).
pub const ORG: &[&str] = &[
    "ich kann den Termin am {date} leider nicht wahrnehmen. Ginge auch {rel_date}?",
    "ich brauche eine Bescheinigung für das Jobcenter. Meine {idno}.",
    "könnten Sie mir ein neues Rezept für {med} {dose} ausstellen? Die Packung reicht noch bis {wday}.",
    "meine neue Adresse ist {addr}. Bitte schicken Sie die Post ab {date} dorthin.",
    "die Krankenkasse fragt nach dem Befundbericht. Sie erreichen mich unter {phone} oder {email}.",
    "die Erstattung für die Fahrtkosten bitte auf mein Konto {iban} überweisen.",
    "ich habe eine Frage zum Antrag auf Schwerbehinderung. Mein Geburtsdatum ist der {dob}, falls Sie es brauchen.",
    "wann ist der nächste Termin? Ich bin ab {date} für drei Wochen in der Reha in {city}.",
    "ich bin {page} Jahre alt und brauche Hilfe beim Ausfüllen des Antrags auf Pflegegrad.",
    "hier schreibt {me}, geboren am {dob}. Ich brauche eine Kopie meines Entlassungsberichts aus der {inst}.",
    "brauche dringend eine AU ab {rel_date}, bitte!!",
    "ist die Sprechstunde am {wday} um {time} noch frei? Meine Mutter ist {age90} und ich muss sie vorher noch versorgen.",
];

/// Clinician replies to a patient's message.
pub const REPLY: &[&str] = &[
    "danke für Ihre Nachricht. Das ist eine bekannte Nebenwirkung und lässt meist nach zwei Wochen nach. Bleiben Sie bei {dose} {sched}.",
    "das freut mich sehr zu hören! Machen Sie weiter so.",
    "bitte reduzieren Sie die Dosis nicht selbst. Wir besprechen das am {date} in Ruhe.",
    "der Termin ist verschoben auf {wday}, {time}. Bitte melden Sie sich am Empfang bei {S}.",
    "die Bescheinigung habe ich ausgestellt, Sie können sie {rel_date} abholen.",
    "das klingt anstrengend. Wenn es schlimmer wird, wenden Sie sich bitte an die Notaufnahme der {inst} oder rufen Sie {phone} an.",
    "vielen Dank für die lieben Wünsche, das gebe ich gern an das Team weiter.",
    "die Kombination mit {med} ist unbedenklich. Ich habe mit {C2} telefoniert, wir sind uns einig.",
    "ich habe das Rezept für {med} {dose} ausgestellt. Es liegt ab {time} am Empfang.",
    "es ist gut, dass Sie {Pposs} Tagebuch so konsequent führen. Bringen Sie es bitte zum Termin am {date} mit.",
    "Ihre neue Adresse habe ich weitergegeben. Die Post geht ab sofort nach {city}.",
    "gut, dass Sie sich melden. Ich rufe Sie {rel_date} gegen {time} an.",
    "Schlafstörungen sind bei Morbus Crohn und unter Kortison nicht selten. Wir schauen uns das gemeinsam an.",
    "das ist ein wichtiger Schritt. Kleine Ziele sind genau richtig.",
    "Ihre {rel} {O} kann gern zum nächsten Gespräch mitkommen, wenn Sie das möchten.",
];

/// Messages from a relative writing for the patient.
pub const PROXY: &[&str] = &[
    "ich schreibe für {my_pat} {P}, die Nachricht kann ich nicht selbst schicken lassen. Es geht {Pfirst} seit {wday} deutlich schlechter.",
    "{my_pat} hat seit {wday} kaum geschlafen und isst wenig. Soll die Dosis von {med} ({dose}) angepasst werden?",
    "ich begleite {my_pat} am {date} zum Termin. Können wir vorher kurz telefonieren? Ich bin unter {phone} erreichbar.",
    "ich bin {Pposs} {rel}. Könnten Sie mich bitte unter {phone} zurückrufen? Es geht um die Medikamente.",
    "{Pfirst} hat am {date} die Tabletten vergessen und ist jetzt sehr unruhig. Was sollen wir tun?",
    "{my_pat} ist {page} Jahre alt und lebt bei uns. Wir machen uns Sorgen, weil das Essen kaum noch klappt.",
];

/// Subjects of clinician notes.
pub const SUBJECT_NOTE: &[&str] = &[
    "Wie geht es Ihnen?",
    "Nachfrage",
    "Ihr Termin am {date}",
    "Laborwerte",
    "Rezept",
    "Urlaubsvertretung",
    "Krankmeldung",
    "Reha-Antrag",
    "Medikation",
    "Rückfrage zu {med}",
    "Information",
    "Termin",
];

/// Subjects of patient messages.
pub const SUBJECT_PATIENT: &[&str] = &[
    "Frage",
    "Nebenwirkungen",
    "Termin",
    "Rezept {med}",
    "Danke",
    "Bescheinigung",
    "kurze Rückmeldung",
    "Termin am {date}",
    "Neue Adresse",
    "dringend",
    "Schlaf",
    "",
    "Frage zu {med}",
];

/// Paragraphs now and then added to a patient's or proxy's message, drawn
/// apart from the rest of the message: forms and table rows (`Name: …`,
/// `Notfallkontakt | …`), a forwarded mail's header, a care home, and a
/// person or town named twice, the second time without context.
pub const EXTRA: &[&str] = &[
    "Meine Angaben:\nName: {me}\nGeburtsdatum: {dob}\nTelefon: {phone}\nKontaktperson: {Ofull}",
    "Name | {me}\nGeburtsdatum | {dob}\nNotfallkontakt | {Ofull}, {phone}",
    "---------- Weitergeleitete Nachricht ----------\nVon: {Ofull} <{email}>\nDatum: {date}\nBetreff: Befund",
    "Meine Mutter lebt seit {month_year} {home}, die Pflege dort ist gut.",
    "Unsere Nachbarin {Ofull} kauft für mich ein. Ich habe {Olast} gebeten, auch die Post zu holen.",
    "Wir ziehen im Frühjahr nach {city}. In {again_city} ist die Miete günstiger.",
];
