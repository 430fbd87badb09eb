#include "crash_restore.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static int saved_termios_valid = 0;
static struct sigaction previous_actions[NSIG];

/// Async-signal-safe calls only: tcsetattr, write, sigaction's handlers, raise.
static void crash_restore(int sig, siginfo_t *info, void *context) {
    if (saved_termios_valid) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    static const char reset[] = "\033[0m\033[?1049l\033[?25h\r\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    struct sigaction *previous = &previous_actions[sig];
    if ((previous->sa_flags & SA_SIGINFO) && previous->sa_sigaction) {
        previous->sa_sigaction(sig, info, context);
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler) {
        previous->sa_handler(sig);
    } else {
        signal(sig, SIG_DFL);
        raise(sig);
    }
}

void clinic_install_crash_restore(void) {
    saved_termios_valid = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        sigemptyset(&action.sa_mask);
        action.sa_sigaction = crash_restore;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigaction(signals[i], &action, &previous_actions[signals[i]]);
    }
}
