/// The mood and alcohol screens: PHQ-2, then PHQ-9 when PHQ-2 is positive; AUDIT-C.
public enum MoodScreen {
    /// The four answers of every PHQ item: how often over the last two weeks.
    static let frequency = [
        Questionnaire.Answer(text: "Not at all", score: 0), Questionnaire.Answer(text: "Several days", score: 1),
        Questionnaire.Answer(text: "More than half the days", score: 2),
        Questionnaire.Answer(text: "Nearly every day", score: 3),
    ]

    /// The nine PHQ-9 items; the first two are the PHQ-2.
    static let items: [(id: String, text: String)] = [
        ("phq1", "Little interest or pleasure in doing things"),
        ("phq2", "Feeling down, depressed, or hopeless"),
        ("phq3", "Trouble falling or staying asleep, or sleeping too much"),
        ("phq4", "Feeling tired or having little energy"),
        ("phq5", "Poor appetite or overeating"),
        ("phq6", "Feeling bad about yourself, or that you are a failure or have let yourself or your family down"),
        ("phq7", "Trouble concentrating on things, such as reading the newspaper or watching television"),
        (
            "phq8",
            "Moving or speaking so slowly that other people could have noticed, or the opposite: being so "
                + "fidgety or restless that you have been moving around a lot more than usual"
        ),
        ("phq9", "Thoughts that you would be better off dead, or of hurting yourself in some way"),
    ]

    /// PHQ-2: a total of 3 or more (of 6) is positive and leads to the PHQ-9.
    /// Source: Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2:
    /// validity of a two-item depression screener. Med Care 2003;41:1284–92.
    public static let phq2 = Questionnaire(
        id: "PHQ-2", title: "PHQ-2 (over the last two weeks)", source: "Kroenke, Spitzer, Williams. Med Care 2003;41:1284-92",
        questions: items.prefix(2).map { .init(id: $0.id, text: $0.text, answers: frequency) },
        bands: [.init(range: 0...2, name: "negative"), .init(range: 3...6, name: "positive: ask the PHQ-9")])

    /// PHQ-9 severity: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe,
    /// 20–27 severe. Source: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a
    /// brief depression severity measure. J Gen Intern Med 2001;16:606–13.
    public static let phq9 = Questionnaire(
        id: "PHQ-9", title: "PHQ-9 (over the last two weeks)",
        source: "Kroenke, Spitzer, Williams. J Gen Intern Med 2001;16:606-13",
        questions: items.map { .init(id: $0.id, text: $0.text, answers: frequency) },
        bands: [
            .init(range: 0...4, name: "minimal"), .init(range: 5...9, name: "mild"), .init(range: 10...14, name: "moderate"),
            .init(range: 15...19, name: "moderately severe"), .init(range: 20...27, name: "severe"),
        ])

    /// The PHQ-2 total at which the PHQ-9 is asked (Kroenke 2003).
    public static let phq2Positive = 3

    /// Whether PHQ-9 answers (answer indexes, which are the item scores) tell of thoughts of
    /// self-harm: item 9 answered above "Not at all", whatever the total. Such a visit is
    /// urgent and goes to the social worker.
    public static func selfHarmRisk(_ phq9Answers: [Int]) -> Bool {
        phq9Answers.count == items.count && phq9Answers[8] > 0
    }
}

/// AUDIT-C: the three consumption questions of the WHO AUDIT, 0–12. Positive at 4 or more
/// for men and 3 or more for women. Sources: Babor TF et al. AUDIT: The Alcohol Use
/// Disorders Identification Test, 2nd ed. WHO 2001 (questions 1–3 and their scores);
/// Bradley KA et al. AUDIT-C as a brief screen for alcohol misuse in primary care.
/// Alcohol Clin Exp Res 2007;31:1208–17 (the cut-offs by sex).
public enum AlcoholScreen {
    public static let auditC = Questionnaire(
        id: "AUDIT-C", title: "AUDIT-C (alcohol)", source: "WHO AUDIT 2nd ed. 2001, questions 1-3; Bradley et al. 2007",
        questions: [
            .init(
                id: "audit1", text: "How often do you have a drink containing alcohol?",
                answers: scored([
                    "Never", "Monthly or less", "2 to 4 times a month", "2 to 3 times a week", "4 or more times a week",
                ])),
            .init(
                id: "audit2", text: "How many drinks containing alcohol do you have on a typical day when you are drinking?",
                answers: scored(["1 or 2", "3 or 4", "5 or 6", "7 to 9", "10 or more"])),
            .init(
                id: "audit3", text: "How often do you have six or more drinks on one occasion?",
                answers: scored(["Never", "Less than monthly", "Monthly", "Weekly", "Daily or almost daily"])),
        ],
        bands: [.init(range: 0...12, name: "scored")])

    /// Answers scored 0, 1, 2… in order, as AUDIT scores each of its first three questions.
    static func scored(_ texts: [String]) -> [Questionnaire.Answer] {
        texts.enumerated().map { .init(text: $1, score: $0) }
    }

    /// Whether an AUDIT-C total is positive for a person of `sex` (Bradley 2007): 4+ for
    /// men, 3+ for women; a person recorded as neither is held to the lower of the two, so
    /// no one is missed.
    public static func isPositive(_ total: Int, sex: Sex) -> Bool {
        total >= (sex == .male ? 4 : 3)
    }
}
