//! The French and English wording of findings: the labels of the fields and one table of
//! message templates ([`Msg`]), from which every finding of a demande or a file is written.
//!
//! Every message has one shape: the field's label, what is wrong, what to do —
//! `« {label} : {problem} ; {remedy}. »` in French, `{label}: {problem}; {remedy}.` in
//! English (`La date de fin de fonction : ne doit pas être renseignée pour la procédure
//! « Modification d'informations » ; retirez-la.`). A test renders every template with
//! labels of every gender and number and checks that shape (docs/domain.md §4.5).
//!
//! Templates take their arguments as `{0}`, `{1}`…; in French `{e}` and `{s}` make a word
//! agree with the label (`renseigné{e}{s}`), `{le}` is its pronoun (`le`, `la`, `les`); in
//! English `{it}` is `it` or `them`. Messages never repeat the values of the état civil or
//! the contact (docs/domain.md §7): the arguments are codes, dates of the rules, positions.

use std::borrow::Cow;

use super::report::{Finding, Path, Segment, Severity};
use crate::FindingCode;

/// The label of a field in both languages, with the gender and number the French words
/// of a message agree with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// `La date de naissance`.
    pub(crate) fr: Cow<'static, str>,
    /// `The date of birth`.
    pub(crate) en: Cow<'static, str>,
    /// Whether the French label is feminine.
    pub(crate) feminine: bool,
    /// Whether the label is plural (`Les coordonnées`).
    pub(crate) plural: bool,
}

/// A label of the given gender and number.
const fn label_of(fr: &'static str, en: &'static str, feminine: bool, plural: bool) -> Label {
    Label {
        fr: Cow::Borrowed(fr),
        en: Cow::Borrowed(en),
        feminine,
        plural,
    }
}

/// A masculine singular label.
const fn m(fr: &'static str, en: &'static str) -> Label {
    label_of(fr, en, false, false)
}

/// A feminine singular label.
const fn f(fr: &'static str, en: &'static str) -> Label {
    label_of(fr, en, true, false)
}

impl Label {
    /// The label without its article, for a list inside a message (`adresse email`).
    pub(crate) fn bare(&self) -> (&str, &str) {
        let fr = ["Les ", "Le ", "La ", "L'"]
            .iter()
            .find_map(|a| self.fr.strip_prefix(a))
            .unwrap_or(&self.fr);
        let en = self.en.strip_prefix("The ").unwrap_or(&self.en);
        (fr, en)
    }

    /// The label of the whole file, for findings about a collection file itself.
    pub(crate) fn file() -> Self {
        m("Le fichier", "The file")
    }

    /// The label of the text of a JSON document.
    pub(crate) fn json() -> Self {
        m("Le texte JSON", "The JSON text")
    }
}

/// The labels of the fields and objects, by their JSON path (the prénoms by position too).
pub(crate) fn label(path: &Path) -> Label {
    if let [Segment::Key(a), Segment::Key(b), Segment::Index(i)] = path.segments() {
        if (a.as_ref(), b.as_ref()) == ("etat_civil", "prenoms") {
            return match i {
                0 => m("Le prénom", "The first given name"),
                1 => m("Le deuxième prénom", "The second given name"),
                2 => m("Le troisième prénom", "The third given name"),
                n => Label {
                    fr: format!("Le prénom n° {}", n + 1).into(),
                    en: format!("Given name no. {}", n + 1).into(),
                    ..m("", "")
                },
            };
        }
    }
    // The other fields have no index: their path is their field.
    FIELD_LABELS
        .iter()
        .find(|(p, _)| *p == path.as_str())
        .map_or_else(|| unknown_field(path), |(_, l)| l.clone())
}

/// The label of a key that is no field (`Le champ « etat_civil.nom_usuel »`).
pub(crate) fn unknown_field(path: &Path) -> Label {
    m("", "").with_text(format!("Le champ « {path} »"), format!("The field '{path}'"))
}

impl Label {
    fn with_text(self, fr: String, en: String) -> Self {
        Label {
            fr: fr.into(),
            en: en.into(),
            ..self
        }
    }
}

/// The label of each field and object of a demande (`""` is the demande itself).
const FIELD_LABELS: &[(&str, Label)] = &[
    ("", f("La demande", "The demande")),
    ("procedure", f("La procédure", "The procedure")),
    ("numero", m("Le numéro de demande", "The demande number")),
    ("rpps", m("Le numéro RPPS", "The RPPS number")),
    ("etat_civil", m("L'état civil", "The civil status")),
    ("etat_civil.civilite", f("La civilité", "The civility")),
    ("etat_civil.sexe", m("Le sexe", "The sex")),
    ("etat_civil.nom_naissance", m("Le nom de naissance", "The birth name")),
    ("etat_civil.nom_usage", m("Le nom d'usage", "The used name")),
    (
        "etat_civil.prenoms",
        label_of("Les prénoms", "The given names", false, true),
    ),
    (
        "etat_civil.date_naissance",
        f("La date de naissance", "The date of birth"),
    ),
    (
        "etat_civil.pays_naissance",
        m("Le pays de naissance", "The country of birth"),
    ),
    (
        "etat_civil.commune_naissance",
        f("La commune de naissance", "The commune of birth"),
    ),
    (
        "etat_civil.lieu_naissance",
        m("Le lieu de naissance", "The place of birth"),
    ),
    (
        "etat_civil.source",
        f("La source de l'état civil", "The source of the civil status"),
    ),
    (
        "contact",
        label_of("Les coordonnées", "The contact details", true, true),
    ),
    ("contact.email", f("L'adresse email", "The email address")),
    ("contact.telephone_mobile", m("Le téléphone mobile", "The mobile phone")),
    ("situation", f("La situation d'exercice", "The practice situation")),
    (
        "situation.id",
        m("L'identifiant de la situation", "The situation identifier"),
    ),
    ("situation.nom_exercice", m("Le nom d'exercice", "The practice surname")),
    (
        "situation.prenom_exercice",
        m("Le prénom d'exercice", "The practice given name"),
    ),
    ("situation.structure", f("La structure", "The structure")),
    (
        "situation.structure.finess",
        m("Le FINESS de la structure", "The structure's FINESS"),
    ),
    (
        "situation.structure.siret",
        m("Le SIRET de la structure", "The structure's SIRET"),
    ),
    ("situation.profession", f("La profession", "The profession")),
    ("situation.role", m("Le rôle", "The role")),
    ("situation.mode_exercice", m("Le mode d'exercice", "The practice mode")),
    (
        "situation.date_prise_fonction",
        f("La date de prise de fonction", "The start date"),
    ),
    (
        "situation.date_fin_fonction",
        f("La date de fin de fonction", "The end date"),
    ),
    ("situation.motif_fin", m("Le motif de fin", "The end reason")),
    (
        "confirmations",
        label_of("Les confirmations", "The confirmations", true, true),
    ),
    (
        "confirmations.cgu_acceptees",
        f("L'acceptation des CGU", "The acceptance of the terms of use"),
    ),
    (
        "confirmations.rencontre_en_personne",
        f(
            "La confirmation de la rencontre en personne",
            "The confirmation of the in-person meeting",
        ),
    ),
];

/// Declares the message templates: [`Msg`], with each one's code, severity and wording.
macro_rules! templates {
    ($(
        $(#[$doc:meta])*
        $name:ident: $code:ident, $severity:ident,
            ($fr_problem:literal, $fr_remedy:literal),
            ($en_problem:literal, $en_remedy:literal);
    )+) => {
        /// Every message template of the findings of a demande or a collection file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Msg {
            $($(#[$doc])* $name),+
        }

        impl Msg {
            /// Every template.
            #[cfg(test)]
            pub(crate) const ALL: &[Msg] = &[$(Msg::$name),+];

            /// The code and severity of the findings of this template.
            pub(crate) fn kind(self) -> (FindingCode, Severity) {
                match self {
                    $(Msg::$name => (FindingCode::$code, Severity::$severity)),+
                }
            }

            /// What is wrong and what to do, in French.
            pub(crate) fn fr(self) -> (&'static str, &'static str) {
                match self {
                    $(Msg::$name => ($fr_problem, $fr_remedy)),+
                }
            }

            /// What is wrong and what to do, in English.
            pub(crate) fn en(self) -> (&'static str, &'static str) {
                match self {
                    $(Msg::$name => ($en_problem, $en_remedy)),+
                }
            }
        }
    };
}

templates! {
    // Reading.
    /// A value of the wrong JSON type: `{0}` the type expected, `{1}` the type given.
    WrongType: InvalidFormat, Error,
        ("il faut {0}, pas {1}", "corrigez la valeur"),
        ("{0} is expected, not {1}", "correct the value");
    /// An identifier refused by its parser: `{0}` what is wrong, `{1}` what to do (the
    /// code is the parser's).
    Identifier: InvalidFormat, Error,
        ("{0}", "{1}"),
        ("{0}", "{1}");
    /// A postal code given as a commune code (the communes it serves are not named: that
    /// would tell the birth place).
    PostalCode: UnknownCode, Error,
        ("c'est un code postal, pas un code commune INSEE",
         "indiquez le code INSEE de la commune (la recherche de communes par nom le donne)"),
        ("this is a postal code, not an INSEE commune code",
         "give the INSEE code of the commune (the commune search by name gives it)");
    /// The idNat of an RPPS number given as the number: `{0}` the RPPS number (public).
    RppsIdNat: InvalidComponent, Error,
        ("c'est l'identifiant national (idNat) de Pro Santé Connect, soit un 8 suivi du numéro RPPS",
         "indiquez le numéro RPPS {0}, sans le 8"),
        ("this is the national identifier (idNat) of Pro Santé Connect, an 8 followed by the RPPS number",
         "give the RPPS number {0}, without the 8");
    /// A date not written as expected or not real: `{0}` the forms accepted.
    BadDate: InvalidFormat, Error,
        ("date impossible ou mal écrite", "écrivez-{le} sous la forme {0}"),
        ("not a real date, or not written as expected", "write {it} as {0}");
    /// A spreadsheet's date cell holding a day number (Excel shows a date so when its cell
    /// is formatted as a number).
    ExcelSerialDate: InvalidFormat, Error,
        ("un nombre, pas une date (Excel affiche ainsi une date dont la cellule est au format Nombre)",
         "mettez la colonne au format Date, ou écrivez-{le} sous la forme JJ/MM/AAAA"),
        ("a number, not a date (Excel shows a date so when its cell is formatted as a number)",
         "format the column as Date, or write {it} as DD/MM/YYYY");
    /// A spreadsheet's identifier shown in scientific notation (`7,32829E+13`): digits lost.
    ScientificNotation: InvalidFormat, Error,
        ("écrit en notation scientifique, comme Excel affiche un grand nombre : des chiffres sont perdus",
         "mettez la colonne au format Texte et saisissez à nouveau le numéro entier"),
        ("written in scientific notation, as Excel shows a large number: digits are lost",
         "format the column as Text and type the whole number again");
    /// A spreadsheet's code whose leading 0 Excel dropped (`612345678`, `1055`): `{0}` the
    /// digits left.
    LeadingZeroLost: InvalidLength, Error,
        ("{0} chiffres : le 0 initial a sans doute été retiré par Excel, qui a lu la cellule comme un nombre",
         "mettez la colonne au format Texte et rétablissez le 0"),
        ("{0} digits: the leading 0 was probably dropped by Excel, which read the cell as a number",
         "format the column as Text and put the 0 back");
    /// A label that several codes have: `{0}` the codes, each with its label.
    LabelAmbiguous: UnknownCode, Error,
        ("libellé ambigu, porté par plusieurs codes : {0}", "indiquez le code voulu"),
        ("an ambiguous label, which several codes have: {0}", "give the code meant");
    /// A label of the état civil that several codes have (not named: docs/domain.md §7).
    LabelAmbiguousHidden: UnknownCode, Error,
        ("libellé ambigu, porté par plusieurs codes", "indiquez le code INSEE voulu"),
        ("an ambiguous label, which several codes have", "give the INSEE code meant");
    /// A code given with a label that is not its own (`326 - Infirmier`).
    LabelNotTheCodes: Inconsistent, Error,
        ("le code indiqué ne porte pas ce libellé", "gardez le code seul, ou le libellé seul"),
        ("the code given does not have this label", "keep the code alone, or the label alone");
    /// A name outside its closed list: `{0}` the names accepted.
    UnknownName: UnknownCode, Error,
        ("valeur inconnue", "choisissez parmi : {0}"),
        ("unknown value", "choose one of: {0}");
    /// A key that is no field (the label names it).
    UnknownField: UnknownField, Error,
        ("inconnu du format de la demande (faute de frappe ?)", "corrigez son nom ou retirez-le"),
        ("not in the demande format (a typo?)", "correct its name or remove it");
    /// A test RPPS number in strict mode.
    TestIdentity: InvalidComponent, Error,
        ("identifiant de test (un numéro RPPS de production commence par 1)",
         "indiquez le numéro de production, ou validez en mode test"),
        ("a test identity (a production RPPS number starts with 1)",
         "give the production number, or validate in test mode");
    /// A test RPPS number in test mode.
    TestIdentityAccepted: TestIdentifier, Warning,
        ("identifiant de test, accepté en mode test", "n'envoyez pas cette demande en production"),
        ("a test identity, accepted in test mode", "do not send this demande to production");
    /// A foreign mobile number.
    ForeignNumber: ForeignNumber, Warning,
        ("numéro étranger, dont seule la forme internationale a été vérifiée",
         "vérifiez qu'il s'agit bien d'un mobile"),
        ("a foreign number, of which only the international form was checked", "check it is a mobile");

    // What each procedure carries, who sends it (docs/domain.md §4.2, §4.3).
    /// A field every demande requires (the procedure).
    Required: Required, Error,
        ("manquant{e}{s}", "renseignez-{le}"),
        ("missing", "fill {it} in");
    /// A field the procedure requires: `{0}` the procedure's label.
    RequiredForProcedure: Required, Error,
        ("manquant{e}{s}, obligatoire{s} pour la procédure « {0} »", "renseignez-{le}"),
        ("missing, required for the procedure '{0}'", "fill {it} in");
    /// A group of which the procedure requires one: `{0}` and `{1}` the fields (bare
    /// labels), `{2}` the procedure's label.
    RequiredOneOf: Required, Error,
        ("ni {0} ni {1}, alors que la procédure « {2} » en demande au moins un",
         "renseignez l'un des deux"),
        ("neither {0} nor {1}, and the procedure '{2}' needs at least one", "fill in one of them");
    /// A field the procedure must not carry: `{0}` the procedure's label.
    NotApplicableForProcedure: NotApplicable, Error,
        ("ne doit pas être renseigné{e}{s} pour la procédure « {0} »", "retirez-{le}"),
        ("must be absent for the procedure '{0}'", "remove {it}");
    /// A procedure the professional may not send: `{0}` the procedure's label.
    NotForProfessionnel: NotAllowedForActor, Error,
        ("un professionnel ne peut pas envoyer la procédure « {0} »",
         "c'est le gestionnaire RPPS+ de la structure qui ouvre, annule et ferme les situations : demandez-lui de l'envoyer"),
        ("a professional cannot send the procedure '{0}'",
         "the structure's gestionnaire RPPS+ opens, cancels and closes situations: ask them to send it");
    /// Any procedure validated as sent by the RPPS.
    NotForRpps: NotAllowedForActor, Error,
        ("le RPPS n'envoie pas de demande", "validez comme gestionnaire ou comme professionnel"),
        ("the RPPS sends no demande", "validate as the gestionnaire or as the professional");
    /// A professional's primo enregistrement not through FranceConnect.
    NotThroughFranceConnect: NotAllowedForActor, Error,
        ("un professionnel n'envoie un primo enregistrement que par FranceConnect",
         "indiquez la source « franceconnect », ou faites envoyer la demande par le gestionnaire RPPS+"),
        ("a professional sends a primo enregistrement only through FranceConnect",
         "set the source to 'franceconnect', or have the gestionnaire RPPS+ send the demande");
    /// A confirmation missing or false at stage submit.
    NotConfirmed: Required, Error,
        ("non confirmé{e}{s}, alors que l'envoi de la demande l'exige",
         "confirmez-{le}, ou enregistrez la demande comme brouillon"),
        ("not confirmed, which sending the demande requires", "confirm {it}, or save the demande as a draft");

    // État civil (docs/domain.md §4.4).
    /// The commune of a person born in France.
    RequiredBornInFrance: Required, Error,
        ("manquant{e}{s} pour une personne née en France", "indiquez le code INSEE de la commune de naissance"),
        ("missing for a person born in France", "give the INSEE code of the commune of birth");
    /// The place of a person born abroad.
    RequiredBornAbroad: Required, Error,
        ("manquant{e}{s} pour une personne née à l'étranger", "indiquez la ville de naissance"),
        ("missing for a person born abroad", "give the town of birth");
    /// The place of a person born in France.
    NotApplicableBornInFrance: NotApplicable, Error,
        ("ne doit pas être renseigné{e}{s} pour une personne née en France",
         "retirez-{le} : la commune de naissance suffit"),
        ("must be absent for a person born in France", "remove {it}: the commune of birth is enough");
    /// The commune of a person born abroad.
    NotApplicableBornAbroad: NotApplicable, Error,
        ("ne doit pas être renseigné{e}{s} pour une personne née à l'étranger",
         "retirez-{le} et indiquez le lieu de naissance"),
        ("must be absent for a person born abroad", "remove {it} and give the place of birth");
    /// A former commune code: `{0}` the current one.
    OldCommuneCode: OldCode, Warning,
        ("ancien code, aujourd'hui {0}", "indiquez {0}"),
        ("a former code, now {0}", "give {0}");
    /// A commune code that is also a postal code.
    AlsoPostalCode: AlsoPostalCode, Warning,
        ("ce code est aussi un code postal", "vérifiez qu'il s'agit bien du code commune INSEE"),
        ("this code is also a postal code", "check it is the INSEE commune code");
    /// The code of a city that has arrondissements: `{0}` and `{1}` the first and last
    /// arrondissements' codes.
    WholeCity: CodeNotAllowed, Warning,
        ("code de la ville entière, qui a des arrondissements",
         "indiquez celui de l'arrondissement de naissance ({0} à {1})"),
        ("the code of the whole city, which has arrondissements",
         "give the arrondissement of birth ({0} to {1})");
    /// A place of birth with a character it may not have.
    PlaceCharacters: InvalidFormat, Error,
        ("caractère non autorisé",
         "n'utilisez que des lettres, chiffres, espaces, tirets, apostrophes, parenthèses, virgules et points"),
        ("a character is not allowed",
         "use only letters, digits, spaces, hyphens, apostrophes, brackets, commas and full stops");
    /// A place of birth over 100 characters.
    PlaceLength: InvalidLength, Error,
        ("plus de 100 caractères", "abrégez-{le}"),
        ("over 100 characters", "shorten {it}");
    /// A name with a character it may not have.
    NameCharacters: InvalidFormat, Error,
        ("caractère non autorisé",
         "n'utilisez que des lettres (accents compris), espaces, tirets et apostrophes"),
        ("a character is not allowed", "use only letters (accents included), spaces, hyphens and apostrophes");
    /// A name empty or over 100 characters.
    NameLength: InvalidLength, Error,
        ("vide ou de plus de 100 caractères", "corrigez-{le}"),
        ("empty or over 100 characters", "correct {it}");
    /// Over three prénoms.
    TooManyPrenoms: InvalidLength, Error,
        ("plus de trois", "gardez les trois premiers, comme le formulaire du portail"),
        ("more than three", "keep the first three, as the portal's form does");
    /// A sexe of the table that the portal does not take (O, UN).
    SexeNotOffered: CodeNotAllowed, Warning,
        ("le portail n'accepte que M ou F", "vérifiez avec la pièce d'identité"),
        ("the portal only takes M or F", "check against the identity document");
    /// A sexe that does not match the civilité.
    SexeCivilite: Inconsistent, Warning,
        ("ne correspond pas à la civilité", "vérifiez l'un et l'autre avec la pièce d'identité"),
        ("does not match the civility", "check both against the identity document");
    /// A date of birth after the reference date.
    BornInFuture: OutOfRange, Error,
        ("postérieur{e}{s} à la date de référence", "corrigez-{le}"),
        ("after the reference date", "correct {it}");
    /// A date of birth before 1900.
    BornBefore1900: OutOfRange, Error,
        ("antérieur{e}{s} à 1900", "corrigez-{le}"),
        ("before 1900", "correct {it}");
    /// A person over 100 at the reference date.
    Over100: OutOfRange, Warning,
        ("la personne aurait plus de 100 ans à la date de référence", "vérifiez l'année"),
        ("the person would be over 100 at the reference date", "check the year");

    // The lifecycle's guards (docs/domain.md §5.3).
    /// A professional creating anything but a primo enregistrement.
    CreatedByProfessionnel: NotAllowedForActor, Error,
        ("le professionnel ne crée qu'un primo enregistrement",
         "faites créer cette demande par le gestionnaire RPPS+"),
        ("the professional creates a primo enregistrement only",
         "have the gestionnaire RPPS+ create this demande");
    /// A professional sending anything but a change of information or of names d'exercice.
    SentByProfessionnel: NotAllowedForActor, Error,
        ("le professionnel n'envoie que ses modifications d'informations ou de nom et prénom d'exercice",
         "faites envoyer cette demande par le gestionnaire RPPS+"),
        ("the professional sends only changes of contact details or of the names d'exercice",
         "have the gestionnaire RPPS+ send this demande");
    /// An edit of a field set when the demande was created.
    SetAtCreation: NotModifiable, Error,
        ("fixé{e}{s} à la création de la demande", "créez une nouvelle demande pour {le} changer"),
        ("set when the demande was created", "create a new demande to change {it}");
    /// An edit of an état civil field FranceConnect certified.
    CertifiedByFranceConnect: NotModifiable, Error,
        ("certifié{e}{s} par FranceConnect", "gardez la valeur que FranceConnect a donnée"),
        ("certified by FranceConnect", "keep the value FranceConnect gave");

    // Codes (docs/domain.md §3.3).
    /// A code its table does not have: `{0}` the table.
    CodeUnknown: UnknownCode, Error,
        ("code inconnu de la nomenclature {0}", "choisissez un code de la liste du portail"),
        ("no such code in {0}", "pick a code from the portal's list");
    /// A code the portal does not offer at the date: `{0}` the code and its label (or
    /// `ce code` in the état civil), `{1}` the reference date.
    CodeNotAllowed: CodeNotAllowed, Error,
        ("{0} n'est pas proposé par le portail au {1}", "choisissez un code de la liste du portail"),
        ("{0} is not offered by the portal on {1}", "pick a code from the portal's list");
    /// A code ended at the date, with its replacement: `{0}` as for
    /// [`Msg::CodeNotAllowed`], `{1}` the date, `{2}` the replacement.
    CodeReplaced: CodeDeprecated, Error,
        ("{0} n'est plus en vigueur au {1}", "utilisez {2}"),
        ("{0} is no longer in force on {1}", "use {2}");
    /// A code ended at the date, without a replacement.
    CodeEnded: CodeDeprecated, Error,
        ("{0} n'est plus en vigueur au {1}", "choisissez un autre code de la liste du portail"),
        ("{0} is no longer in force on {1}", "pick another code from the portal's list");

    // Situation (docs/domain.md §4.4).
    /// Both a FINESS and a SIRET.
    StructureBoth: Inconsistent, Error,
        ("un FINESS et un SIRET", "gardez le FINESS : le SIRET est pour une structure sans FINESS"),
        ("both a FINESS and a SIRET", "keep the FINESS: the SIRET is for a structure without one");
    /// Neither a FINESS nor a SIRET.
    StructureNeither: Required, Error,
        ("ni FINESS ni SIRET", "indiquez le FINESS géographique de la structure, ou son SIRET si elle n'en a pas"),
        ("neither a FINESS nor a SIRET", "give the structure's FINESS géographique, or its SIRET if it has none");
    /// A date de fin before the prise de fonction.
    EndBeforeStart: Inconsistent, Error,
        ("antérieur{e}{s} à la date de prise de fonction", "corrigez l'une ou l'autre"),
        ("before the start date", "correct one of them");
    /// A prise de fonction more than 6 months after the reference date.
    StartLate: OutOfRange, Warning,
        ("plus de 6 mois après la date de référence", "vérifiez-{le}"),
        ("more than 6 months after the reference date", "check {it}");
    /// A prise de fonction not after the date of birth.
    StartBeforeBirth: Inconsistent, Error,
        ("pas après la date de naissance", "corrigez l'une ou l'autre"),
        ("not after the date of birth", "correct one of them");
    /// The age at the prise de fonction: `{0}` `moins de 16 ans` or `plus de 80 ans`.
    AgeAtStart: OutOfRange, Warning,
        ("la personne aurait {0} à cette date", "vérifiez-{le}, ainsi que la date de naissance"),
        ("the person would be {0} on that date", "check {it}, and the date of birth");
    /// A motif de fin without a date de fin.
    MotifWithoutEnd: Inconsistent, Error,
        ("renseigné{e}{s} sans date de fin de fonction", "ajoutez la date de fin, ou retirez le motif"),
        ("given without an end date", "add the end date, or remove the reason");
    /// A demande number dated after the reference date: `{0}` its date.
    NumeroAfterReference: OutOfRange, Error,
        ("daté{e}{s} du {0}, après la date de référence", "vérifiez-{le}"),
        ("dated {0}, after the reference date", "check {it}");

    // Across a file (docs/domain.md §4.6).
    /// The same person as an earlier demande: `{0}` where it is (`ligne 5`, `à l'index 3`).
    DuplicatePerson: Duplicate, Error,
        ("la même personne figure déjà {0} (même nom de naissance, premier prénom, date et lieu de naissance)",
         "n'envoyez qu'une demande par personne"),
        ("the same person is already {0} (same birth name, first given name, date and place of birth)",
         "send one demande per person");
    /// The same RPPS number as an earlier demande: `{0}` where it is.
    DuplicateRpps: Duplicate, Error,
        ("le même numéro RPPS figure déjà {0}", "n'envoyez qu'une demande par numéro RPPS dans un fichier"),
        ("the same RPPS number is already {0}", "send one demande per RPPS number in a file");

    // Documents and files.
    /// Text that is not JSON: `{0}` the line, `{1}` the column.
    InvalidJson: InvalidJson, Error,
        ("invalide à la ligne {0}, colonne {1}", "corrigez la syntaxe à cet endroit"),
        ("invalid at line {0}, column {1}", "fix the syntax there");
    /// An empty collection file.
    EmptyFile: InvalidCsv, Error,
        ("vide", "nommez les colonnes sur la première ligne"),
        ("empty", "name the columns on the first line");
    /// An unknown column: `{0}` its position, `{1}` its name as written.
    UnknownColumn: InvalidCsv, Error,
        ("la colonne {0} de l'en-tête, « {1} », est inconnue et ignorée",
         "corrigez son nom : les colonnes sont les chemins JSON des champs (etat_civil.nom_naissance…) ou les libellés du formulaire du portail (Nom de naissance…)"),
        ("column {0} of the header, '{1}', is unknown and ignored",
         "correct its name: the columns are the JSON paths of the fields (etat_civil.nom_naissance…) or the labels of the portal's form (Nom de naissance…)");
    /// A column naming the field of an earlier one: `{0}` its position, `{1}` its name as
    /// written, `{2}` the earlier column's position.
    RepeatedColumn: InvalidCsv, Error,
        ("la colonne {0} de l'en-tête, « {1} », nomme le même champ que la colonne {2} et est ignorée",
         "retirez l'une des deux colonnes"),
        ("column {0} of the header, '{1}', names the same field as column {2} and is ignored",
         "remove one of the two columns");
    /// A value in a column without a name: `{0}` the line, `{1}` the column's position.
    UnnamedColumnValue: InvalidCsv, Error,
        ("la ligne {0} a une valeur en colonne {1}, qui n'a pas de nom dans l'en-tête (la valeur est ignorée)",
         "nommez la colonne dans l'en-tête, ou videz la cellule"),
        ("line {0} has a value in column {1}, which has no name in the header (the value is ignored)",
         "name the column in the header, or empty the cell");
    /// A record longer than the reader takes: `{0}` the line, `{1}` the limit in bytes.
    RecordTooLong: InvalidCsv, Error,
        ("la ligne {0} dépasse {1} octets et n'est pas lue", "vérifiez-la : une ligne de tableur est bien plus courte"),
        ("line {0} is over {1} bytes and is not read", "check it: a spreadsheet row is much shorter");
    /// A file with zero bytes that is not UTF-16: no text.
    NotText: InvalidCsv, Error,
        ("ce n'est pas un fichier texte (un classeur Excel, une image ?)",
         "enregistrez-le depuis Excel au format « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »"),
        ("this is not a text file (an Excel workbook, an image?)",
         "save it from Excel as 'CSV UTF-8' or 'CSV (semicolon delimited)'");
    /// A quote never closed: `{0}` the line where it opens.
    UnclosedQuote: InvalidCsv, Error,
        ("à la ligne {0}, un guillemet n'est jamais fermé (la ligne est lue seule, la suite du fichier est lue)",
         "fermez le guillemet"),
        ("at line {0}, a quote is never closed (the line is read alone, the rest of the file is read)",
         "close the quote");
    /// A row of the wrong cell count: `{0}` the line, `{1}` its cells (`1 cellule`), `{2}`
    /// the header's.
    CellCount: InvalidCsv, Error,
        ("la ligne {0} a {1} au lieu de {2}", "vérifiez les séparateurs et les guillemets de cette ligne"),
        ("line {0} has {1} instead of {2}", "check the delimiters and quotes of that line");
    /// A workbook that cannot be read (not one, damaged, or protected by a password).
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    NotWorkbook: InvalidCsv, Error,
        ("ce n'est pas un classeur lisible (.xlsx, .xlsm, .ods ou .xls) : il est endommagé, protégé par un mot de passe ou d'un autre format",
         "ouvrez-le dans le tableur et enregistrez-le à nouveau au format .xlsx ou « CSV UTF-8 »"),
        ("this is no readable workbook (.xlsx, .xlsm, .ods or .xls): it is damaged, protected by a password or of another format",
         "open it in the spreadsheet program and save it again as .xlsx or 'CSV UTF-8'");
    /// A sheet asked for that the workbook does not have: `{0}` its name, `{1}` the sheets.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    SheetNotFound: InvalidCsv, Error,
        ("il n'a pas de feuille « {0} » (ses feuilles : {1})", "donnez le nom d'une de ses feuilles"),
        ("it has no sheet '{0}' (its sheets: {1})", "give the name of one of its sheets");
    /// A part of a workbook too large to be read in bounded memory: `{0}` the part, `{1}`
    /// the limit in megabytes.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    WorkbookTooLarge: InvalidCsv, Error,
        ("sa partie « {0} » dépasse {1} Mo une fois décompressée, et il n'est pas lu",
         "enregistrez-le au format « CSV UTF-8 », qui est lu quelle que soit sa taille"),
        ("its part '{0}' is over {1} MB uncompressed, and it is not read",
         "save it as 'CSV UTF-8', which is read whatever its size");
    /// A workbook whose sheets take too many cells once read whole: `{0}` the limit.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    WorkbookTooManyCells: InvalidCsv, Error,
        ("ses feuilles occupent plus de {0} cellules (lignes × colonnes) une fois lues, et il n'est pas lu",
         "enregistrez-le au format .xlsx ou « CSV UTF-8 », qui sont lus quelle que soit leur taille"),
        ("its sheets take over {0} cells (rows × columns) once read, and it is not read",
         "save it as .xlsx or 'CSV UTF-8', which are read whatever their size");
    /// A cell of a workbook holding a formula's error: `{0}` the cell (`D5`), `{1}` the
    /// error (`#N/A`).
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    CellError: InvalidFormat, Error,
        ("la cellule {0} vaut {1}, une erreur de formule, et est lue comme vide",
         "corrigez la formule, ou saisissez la valeur"),
        ("cell {0} is {1}, a formula's error, and is read as empty",
         "correct the formula, or type the value in");
    /// More findings than a report keeps: `{0}` how many it keeps.
    TooManyFindings: TooManyFindings, Warning,
        ("plus de {0} constats, dont les suivants ne sont pas gardés", "corrigez d'abord ceux-ci, puis validez à nouveau"),
        ("over {0} findings, of which the next ones are not kept", "correct these first, then validate again");
    /// A file that is not UTF-8, decoded: `{0}` the encoding (`Windows-1252 (export Excel)`).
    EncodingConverted: EncodingConverted, Warning,
        ("pas en UTF-8, lu en {0}", "vérifiez les accents, ou enregistrez-le en UTF-8"),
        ("not UTF-8, read as {0}", "check the accents, or save it as UTF-8");
}

/// `1 cellule`, `3 cellules` (and in English).
pub(crate) fn count(n: usize, fr: &str, en: &str) -> (String, String) {
    let s = |plural| if plural { "s" } else { "" };
    (format!("{n} {fr}{}", s(n > 1)), format!("{n} {en}{}", s(n != 1)))
}

/// Writes a French template into `out`: arguments, agreement with `label`.
fn fill_fr(out: &mut String, template: &str, label: &Label, args: &[&str]) {
    fill(out, template, args, |name| match name {
        "e" => Some(if label.feminine { "e" } else { "" }),
        "s" => Some(if label.plural { "s" } else { "" }),
        "le" => Some(match (label.plural, label.feminine) {
            (true, _) => "les",
            (false, true) => "la",
            (false, false) => "le",
        }),
        _ => None,
    });
}

/// Writes an English template into `out`: arguments, `{it}`.
fn fill_en(out: &mut String, template: &str, label: &Label, args: &[&str]) {
    fill(out, template, args, |name| match name {
        "it" => Some(if label.plural { "them" } else { "it" }),
        _ => None,
    });
}

/// Writes `template` into `out`, `{n}` replaced by `args[n]` and `{name}` by `word(name)`.
fn fill(out: &mut String, template: &str, args: &[&str], word: impl Fn(&str) -> Option<&'static str>) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        match name.parse::<usize>() {
            Ok(i) => out.push_str(args.get(i).copied().unwrap_or_default()),
            Err(_) => out.push_str(word(name).unwrap_or_default()),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

impl Msg {
    /// The finding of this template at `path`, with the label of the field at `path`, and
    /// the same arguments in both languages (codes, numbers, dates).
    pub(crate) fn at(self, path: impl Into<Path>, args: &[&str]) -> Finding {
        self.at_in(path, args, args)
    }

    /// The finding of this template at `path`, with arguments in French and in English.
    pub(crate) fn at_in(self, path: impl Into<Path>, fr: &[&str], en: &[&str]) -> Finding {
        let path = path.into();
        let label = label(&path);
        self.labelled(path, &label, fr, en)
    }

    /// The finding of this template at `path`, with `label`.
    pub(crate) fn labelled(self, path: Path, label: &Label, fr: &[&str], en: &[&str]) -> Finding {
        let (code, severity) = self.kind();
        let (message, message_en) = self.messages(label, fr, en);
        Finding {
            path,
            code,
            severity,
            message,
            message_en,
        }
    }

    /// The French and English messages for `label`: `label : problem ; remedy.` and
    /// `label: problem; remedy.`, each written into one string.
    pub(crate) fn messages(self, label: &Label, fr: &[&str], en: &[&str]) -> (String, String) {
        let ((fr_problem, fr_remedy), (en_problem, en_remedy)) = (self.fr(), self.en());
        let room = |label: &str, a: &str, b: &str, args: &[&str]| {
            label.len() + a.len() + b.len() + args.iter().map(|a| a.len()).sum::<usize>() + 16
        };
        let mut message = String::with_capacity(room(&label.fr, fr_problem, fr_remedy, fr));
        message.push_str(&label.fr);
        message.push_str(" : ");
        fill_fr(&mut message, fr_problem, label, fr);
        message.push_str(" ; ");
        fill_fr(&mut message, fr_remedy, label, fr);
        message.push('.');
        let mut message_en = String::with_capacity(room(&label.en, en_problem, en_remedy, en));
        message_en.push_str(&label.en);
        message_en.push_str(": ");
        fill_en(&mut message_en, en_problem, label, en);
        message_en.push_str("; ");
        fill_en(&mut message_en, en_remedy, label, en);
        message_en.push('.');
        (message, message_en)
    }
}

impl Finding {
    /// This finding with another code and severity (an identifier's error keeps its
    /// parser's code).
    pub(crate) fn with_code(mut self, code: FindingCode) -> Self {
        self.code = code;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels of every gender and number, as the paths give them.
    fn labels() -> Vec<Label> {
        let mut all: Vec<Label> = FIELD_LABELS.iter().map(|(_, l)| l.clone()).collect();
        all.push(label(&Path::from("etat_civil.prenoms").index(4)));
        all.push(unknown_field(&Path::from("etat_civil.nom_usuel")));
        all.extend([Label::file(), Label::json()]);
        all
    }

    /// The placeholders of a template part: arguments and agreement words.
    fn placeholders(part: &str) -> Vec<&str> {
        part.split('{').skip(1).filter_map(|p| p.split('}').next()).collect()
    }

    /// Every template, for every label: one shape (label, what is wrong, what to do) in
    /// French and English; the same arguments in both; agreement words only in French,
    /// `{it}` only in English; the agreement follows the label.
    #[test]
    fn every_template_has_one_shape() {
        let args = ["ARG0", "ARG1", "ARG2", "ARG3"];
        for msg in Msg::ALL.iter().copied() {
            let ((fp, fr_), (ep, er)) = (msg.fr(), msg.en());
            for part in [fp, fr_, ep, er] {
                assert!(!part.is_empty() && part.trim() == part, "{msg:?}: {part:?}");
                assert!(!part.ends_with(['.', ';', ':', ',', '…']), "{msg:?}: {part:?}");
                assert!(!part.starts_with(char::is_uppercase), "{msg:?}: {part:?}");
                assert!(!part.contains(';') && !part.contains("  "), "{msg:?}: {part:?}");
            }
            let numbered = |parts: [&'static str; 2]| {
                let mut n: Vec<&'static str> = parts
                    .iter()
                    .flat_map(|p| placeholders(p))
                    .filter(|p| p.parse::<usize>().is_ok())
                    .collect();
                n.sort_unstable();
                n.dedup();
                n
            };
            assert_eq!(numbered([fp, fr_]), numbered([ep, er]), "{msg:?}: the same arguments");
            for p in placeholders(fp).into_iter().chain(placeholders(fr_)) {
                assert!(
                    p.parse::<usize>().is_ok() || ["e", "s", "le"].contains(&p),
                    "{msg:?}: {{{p}}}"
                );
            }
            for p in placeholders(ep).into_iter().chain(placeholders(er)) {
                assert!(p.parse::<usize>().is_ok() || p == "it", "{msg:?}: {{{p}}}");
            }
            for label in labels() {
                let (fr, en) = msg.messages(&label, &args, &args);
                let (problem, remedy) = fr
                    .strip_prefix(label.fr.as_ref())
                    .and_then(|r| r.strip_prefix(" : "))
                    .and_then(|r| r.strip_suffix('.'))
                    .and_then(|r| r.split_once(" ; "))
                    .unwrap_or_else(|| panic!("{msg:?}: {fr}"));
                assert!(!problem.is_empty() && !remedy.is_empty(), "{fr}");
                let (problem, remedy) = en
                    .strip_prefix(label.en.as_ref())
                    .and_then(|r| r.strip_prefix(": "))
                    .and_then(|r| r.strip_suffix('.'))
                    .and_then(|r| r.split_once("; "))
                    .unwrap_or_else(|| panic!("{msg:?}: {en}"));
                assert!(!problem.is_empty() && !remedy.is_empty(), "{en}");
                for text in [&fr, &en] {
                    assert!(!text.contains(['{', '}']) && !text.contains("  "), "{text}");
                }
            }
        }
    }

    #[test]
    fn french_words_agree_with_the_label() {
        let (date, procedure) = (
            label(&Path::from("situation.date_fin_fonction")),
            ["Modification d'informations"],
        );
        let (fr, en) = Msg::NotApplicableForProcedure.messages(&date, &procedure, &procedure);
        assert_eq!(
            fr,
            "La date de fin de fonction : ne doit pas être renseignée pour la procédure « Modification d'informations » ; retirez-la."
        );
        assert_eq!(
            en,
            "The end date: must be absent for the procedure 'Modification d'informations'; remove it."
        );
        let contact = label(&Path::from("contact"));
        let (fr, en) = Msg::RequiredForProcedure.messages(&contact, &procedure, &procedure);
        assert_eq!(
            fr,
            "Les coordonnées : manquantes, obligatoires pour la procédure « Modification d'informations » ; renseignez-les."
        );
        assert!(en.ends_with("fill them in."), "{en}");
        let rpps = label(&Path::from("rpps"));
        let (fr, _) = Msg::RequiredForProcedure.messages(&rpps, &procedure, &procedure);
        assert!(fr.starts_with("Le numéro RPPS : manquant, obligatoire pour"), "{fr}");
    }

    #[test]
    fn prenoms_are_labelled_by_position() {
        let at = |i| label(&Path::from("etat_civil.prenoms").index(i)).fr;
        assert_eq!(at(0), "Le prénom");
        assert_eq!(at(1), "Le deuxième prénom");
        assert_eq!(at(5), "Le prénom n° 6");
        assert_eq!(label(&Path::from("etat_civil.prenoms")).fr, "Les prénoms");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "cellule", "cell"), ("1 cellule".into(), "1 cell".into()));
        assert_eq!(count(3, "cellule", "cell"), ("3 cellules".into(), "3 cells".into()));
        assert_eq!(count(0, "cellule", "cell"), ("0 cellule".into(), "0 cells".into()));
    }
}
