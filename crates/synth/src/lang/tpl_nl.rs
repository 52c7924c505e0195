//! Dutch message templates, one pool per use type of the cross-specialty
//! study. Greeting and sign-off are added around the body by the profile.

/// Administrative questions (patient).
pub const ADMIN_QUESTION: &[&str] = &[
    "ik kan helaas niet komen op {date} om {time}. Kan de afspraak verzet worden naar {rel_date}?",
    "mijn adres is gewijzigd, het is nu {addr}. Willen jullie dit aanpassen?",
    "kunt u de brief voor de verzekering opnieuw sturen? Mijn {idno}.",
    "klopt het dat ik voor het bloedprikken op {wday} nuchter moet zijn?",
    "ik heb een nieuw telefoonnummer: {phone}. Mijn mailadres blijft {email}.",
    "wanneer is mijn volgende controle? Ik ben vanaf {date} drie weken op vakantie.",
    "moet ik voor de afspraak bij {C2} een nieuwe verwijzing van de huisarts hebben?",
    "de rekening van {inst} klopt niet, kunt u dat nakijken? Het bedrag is al van {iban} afgeschreven.",
    "ik ben {page} jaar en heb moeite met het portaal. Mag mijn {rel} {O} meelezen?",
    "dit is {me}, geboren {dob}. Ik ben sinds {month_year} onder behandeling en wil graag een second opinion.",
    "ik zou graag een kopie van mijn dossier willen, geboortedatum {dob}.",
];

/// Administrative answers (staff or clinician).
pub const ADMIN_ANSWER: &[&str] = &[
    "uw afspraak is verzet naar {date} om {time}. U krijgt hiervan ook een bevestiging per post.",
    "uw adreswijziging is verwerkt.",
    "ja, u moet nuchter zijn. U mag wel water drinken en uw {med} innemen.",
    "de brief is vandaag opnieuw verstuurd naar {addr}.",
    "een nieuwe verwijzing is niet nodig, de verwijzing is een jaar geldig.",
    "uw volgende controle staat gepland op {wday} {date}. Bij verhindering graag minimaal 24 uur van tevoren afmelden via {phone}.",
    "de kopie van uw dossier kunt u aanvragen via {url}.",
    "ik heb uw vraag doorgestuurd naar de afdeling patiëntenadministratie van {clinic}.",
];

/// Medical questions (patient).
pub const MEDICAL_QUESTION: &[&str] = &[
    "sinds {wday} heb ik last van mijn enkels, ze zijn dik. Kan dat door de {med} komen?",
    "mag ik de {med} tijdelijk stoppen nu ik griep heb?",
    "mijn suikers zijn 's ochtends rond de 11. Moet ik de {med} ophogen naar {dose}?",
    "ik heb sinds {date} koorts rond de 38,5. Moet ik langskomen of kan ik afwachten?",
    "is het verstandig om de griepprik te halen met de {med}?",
    "mijn {lab}, is dat goed? Ik zag het in het portaal maar begrijp het niet.",
    "ik heb ook {eponym}, mag ik dan {med} gebruiken?",
    "bij het traplopen ben ik sneller benauwd dan vorige maand. Moet ik me zorgen maken?",
    "ik heb een uitslag van de huisarts, {C2}, gekregen. Kunt u die bekijken?",
    "IK HEB SINDS GISTEREN BLOED BIJ DE ONTLASTING. WAT MOET IK DOEN?",
];

/// Medical answers (clinician).
pub const MEDICAL_ANSWER: &[&str] = &[
    "dank voor uw bericht. Dikke enkels kunnen een bijwerking zijn. Ik stel voor de {med} te verlagen naar {dose}.",
    "u mag de {med} een week stoppen. Als de klachten blijven, neem dan contact op.",
    "uw {lab} is stabiel, daar hoeft u zich geen zorgen over te maken.",
    "bij koorts boven de 38,5 langer dan drie dagen wil ik u graag zien. Belt u {rel_date} naar {phone}?",
    "de griepprik is juist aan te raden bij uw medicatie.",
    "ik heb de uitslag bekeken en overlegd met {C2}. We bespreken het op de poli op {date}.",
    "verhoog de {med} naar {dose} en stuur over twee weken de waarden via het portaal.",
    "bij bloed bij de ontlasting wil ik u vandaag nog zien. Meld u om {time} bij de SEH van {inst}.",
];

/// Medical updates (patient).
pub const MEDICAL_UPDATE: &[&str] = &[
    "even een update: de nieuwe dosering {dose} gaat goed, ik heb geen last meer van mijn maag.",
    "mijn gewicht is deze week 2 kilo gestegen. Ik heb de extra {med} genomen zoals afgesproken.",
    "de bloeddruk thuis was de afgelopen week gemiddeld 135/85.",
    "ik ben {rel_past} opgenomen geweest in het {inst} wegens benauwdheid, nu weer thuis.",
    "de klachten van de {eponym} zijn weer wat rustiger sinds {date}.",
    "de fysiotherapie bij {inst} is gestart, 2x per week.",
    "de wond geneest goed, de hechtingen zijn er {rel_past} uit gehaald.",
    "ik meet nu 4x per dag, de waarden staan in het dagboek. Vanaf {month} gaat het beter.",
];

/// Sending out information (clinician initiates).
pub const INFORMATION: &[&str] = &[
    "hierbij de informatie over de behandeling met {med} waar we het over hadden: {url}",
    "in de bijlage vindt u de folder over leefstijl bij {eponym}.",
    "zoals besproken ontvangt u hierbij de uitslagen van {date}: {lab}, alles binnen de normaalwaarden.",
    "u bent ingepland voor de scan op {date} om {time}. Meldt u zich 15 minuten van tevoren.",
    "vanaf {date} is de poli verhuisd naar de nieuwe vleugel, ingang B.",
    "uw recept voor {med} {dose} is verstuurd naar {inst}.",
    "op {wday} {date} is er een voorlichtingsavond voor patiënten en naasten. Aanmelden kan via {url}.",
    "ik ben met zwangerschapsverlof. Uw behandeling wordt overgenomen door {C2}.",
];

/// Enquiries about patient updates (clinician initiates).
pub const ENQUIRY: &[&str] = &[
    "hoe gaat het met u sinds de aanpassing van de {med}?",
    "wilt u de waarden van de afgelopen twee weken doorgeven via het portaal?",
    "hoe is het herstel na de opname op {date}? Hebt u nog klachten?",
    "zijn de bijwerkingen van de {med} minder geworden?",
    "graag hoor ik hoe het gaat met de benauwdheid. Gebruikt u de {med} nog {dose}?",
    "hoe verloopt de thuismeting van de bloeddruk?",
    "ik zag dat u de afspraak van {date} hebt gemist. Gaat alles goed?",
];

/// Social updates (patient).
pub const SOCIAL: &[&str] = &[
    "dank voor de goede zorg de afgelopen maanden! Fijne feestdagen voor het hele team.",
    "we zijn {rel_past} opa en oma geworden, dus ik heb even niet gemeten.",
    "ik ga weer werken, 20 uur per week. Dat voelt goed.",
    "mijn {rel} {O} gaat vanaf nu mee naar de afspraken.",
    "helaas is mijn moeder overleden op {date}, ze was {age90}. Daarom heb ik de afspraak gemist.",
    "we gaan verhuizen naar {city}, maar ik wil graag bij jullie onder behandeling blijven.",
    "ik heb de wandelvierdaagse uitgelopen!",
    "mijn man is vroeger visser geweest en nu helpt hij de bakker op de markt. Dat doet hem goed.",
    "ik hoop dat de koning van de tuin, onze oude kat, weer beter wordt. Het is hier erg stil zonder hem.",
    "bedankt {C}, u hebt me echt geholpen.",
];

/// Messages from a parent writing for a child (paediatrics).
pub const PROXY_CHILD: &[&str] = &[
    "ik stuur dit bericht namens {my_pat} {Pfirst}. {Pfirst} heeft sinds {wday} weer buikpijn.",
    "{my_pat} {P} gebruikt nu {med} {dose}, maar slikt de tabletten slecht. Is er een drankje?",
    "kan de afspraak van {Pposs} controle op {date} naar een woensdagmiddag? Dan hoeft {Pfirst} niet van school.",
    "{Pfirst} is {page} jaar en wil zelf ook toegang tot het portaal. Hoe regelen we dat?",
];

/// Messages from a relative writing for an adult patient.
pub const PROXY: &[&str] = &[
    "ik ben {Pposs} {rel}. Wilt u mij terugbellen op {phone}?",
    "ik schrijf namens {my_pat} {P}, die zelf niet met de computer overweg kan. De benauwdheid is sinds {wday} erger.",
    "{my_pat} is {page} en woont nog zelfstandig in {city}. Kan de thuiszorg vaker komen?",
    "namens {Pfirst}: de {med} is op en de apotheek heeft geen herhaalrecept ontvangen.",
];

/// Subjects of patient messages.
pub const SUBJECT_PATIENT: &[&str] = &[
    "Vraag",
    "Afspraak",
    "Afspraak {date}",
    "Medicatie",
    "Vraag over {med}",
    "Update",
    "Uitslag",
    "Adreswijziging",
    "Recept",
    "",
    "Dringend",
    "Bedankt",
];

/// Subjects of clinician and staff messages.
pub const SUBJECT_CLINICIAN: &[&str] = &[
    "Informatie",
    "Uw afspraak",
    "Uitslagen",
    "Hoe gaat het?",
    "Recept {med}",
    "Bericht van de poli",
    "Controle",
    "Verzoek om update",
];

/// Paragraphs now and then added to a patient's or proxy's message, drawn
/// apart from the rest of the message: forms and table rows (`Naam: …`,
/// `Noodcontact | …`), a forwarded mail's header, a care home, and a person
/// or town named twice, the second time without context.
pub const EXTRA: &[&str] = &[
    "Mijn gegevens:\nNaam: {me}\nGeboortedatum: {dob}\nTelefoon: {phone}\nContactpersoon: {Ofull}",
    "Naam | {me}\nGeboortedatum | {dob}\nNoodcontact | {Ofull}, {phone}",
    "---------- Doorgestuurd bericht ----------\nVan: {Ofull} <{email}>\nDatum: {date}\nOnderwerp: uitslag",
    "Mijn moeder woont sinds {month_year} {home} en dat gaat goed.",
    "Onze buurvrouw {Ofull} doet de boodschappen. Ik heb {Olast} gevraagd of ze ook de post ophaalt.",
    "We verhuizen in het voorjaar naar {city}. In {again_city} is de huur lager.",
];
