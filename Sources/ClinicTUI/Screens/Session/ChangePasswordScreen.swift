import ClinicDomain
import ClinicServices
import TerminalKit

/// "Change my password": the logged-in user's own password. Their other sessions must log in again.
enum ChangePasswordScreen {
    static func make(_ environment: AppEnvironment) -> FormScreen {
        FormScreen(
            definition: environment.screens["change-password"],
            intro: "Your other terminals will have to log in again."
        ) { screen, environment in
            guard let session = environment.session else { return .logout }
            let (current, new, again) = (
                screen.form[PasswordChangeField.current], screen.form[PasswordChangeField.new],
                screen.form[PasswordChangeField.repeat]
            )
            for field in PasswordChangeField.allCases { screen.form[field] = "" }
            screen.form.focus(on: PasswordChangeField.current)
            guard new == again else {
                screen.form.setError("does not match", on: PasswordChangeField.repeat)
                screen.message = "The new password and its repetition differ; type all three again."
                return nil
            }
            do {
                let updated = try environment.selfService.changePassword(session, current: current, new: new)
                return .sequence([.sessionChanged(updated), .pop])
            } catch {
                screen.message = userMessage(error)
                return nil
            }
        }
    }
}
