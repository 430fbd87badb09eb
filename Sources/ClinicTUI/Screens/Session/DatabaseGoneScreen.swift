import TerminalKit

/// Shown in place of everything once the database file was deleted or replaced: it says
/// what happened and what to do, and takes no work (nothing could be saved); F10 quits.
final class DatabaseGoneScreen: Screen {
    let problem: String

    init(problem: String) { self.problem = problem }

    var title: String { "Database unavailable" }
    var contexts: [KeyContext] { [] }
    var keyBarActions: [KeyAction] { [.quit] }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction { .none }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let used = canvas.putWrapped(problem, x: 2, y: top + 1, width: canvas.width - 4, style: .error, maxLines: height - 3)
        canvas.put("F10 quits.", x: 2, y: top + 2 + used, style: .strong)
    }
}
