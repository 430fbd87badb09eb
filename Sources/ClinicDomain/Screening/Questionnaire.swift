/// A scored questionnaire as published: its questions, the answers each offers with their
/// scores, and the bands its total falls in. Scoring is the sum of the answers' scores.
public struct Questionnaire: Sendable {
    /// One answer a question offers, with the score it adds.
    public struct Answer: Equatable, Sendable {
        public let text: String
        public let score: Int
    }

    /// One question and its answers, in the order the form asks them.
    public struct Question: Sendable {
        public let id: String
        public let text: String
        public let answers: [Answer]
    }

    /// A range of totals and what it is called.
    public struct Band: Equatable, Sendable {
        public let range: ClosedRange<Int>
        public let name: String
    }

    public let id: String
    public let title: String
    /// The published source of the questions, scores and bands.
    public let source: String
    public let questions: [Question]
    public let bands: [Band]

    /// The highest total the questions allow.
    public var maximum: Int { questions.reduce(0) { $0 + ($1.answers.map(\.score).max() ?? 0) } }

    /// The total of `answers` (one answer index per question, in order), or the problem:
    /// a missing answer, or an index the question does not offer.
    public func score(_ answers: [Int]) -> Result<Int, QuestionnaireError> {
        guard answers.count == questions.count else {
            return .failure(.unanswered(questions[min(answers.count, questions.count - 1)].id))
        }
        var total = 0
        for (question, answer) in zip(questions, answers) {
            guard question.answers.indices.contains(answer) else { return .failure(.noSuchAnswer(question.id, answer)) }
            total += question.answers[answer].score
        }
        return .success(total)
    }

    /// The band a total falls in.
    public func band(of total: Int) -> Band? { bands.first { $0.range.contains(total) } }
}

/// Why a questionnaire's answers cannot be scored.
public enum QuestionnaireError: Error, Equatable, Sendable, CustomStringConvertible {
    case unanswered(String)
    case noSuchAnswer(String, Int)

    public var description: String {
        switch self {
        case .unanswered(let id): "Question \(id) is not answered yet"
        case .noSuchAnswer(let id, let answer): "Question \(id) has no answer \(answer + 1)"
        }
    }
}
