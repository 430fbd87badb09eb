// Thin C shim over ncursesw for Swift. SwiftPM drops pkg-config's -D flags, so the
// wide-character API is switched on here; function-like macros and C globals are
// wrapped in static inline getters because Swift cannot import them directly.
#ifndef CLINIC_NCURSES_SHIM_H
#define CLINIC_NCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// wcwidth is hidden by glibc unless _XOPEN_SOURCE is set, which would change what
/// the other headers expose; declare it directly instead.
extern int wcwidth(wchar_t c);
static inline int clinic_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/// A pseudo-terminal for headless measurements (the benchmark's blit and start-up):
/// the same _XOPEN_SOURCE reason as wcwidth, so declared directly. Returns the master's
/// descriptor and writes the slave's path into `name`, or -1.
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buf, size_t buflen);
static inline int clinic_open_pty(char *name, size_t length) {
    int fd = posix_openpt(02 /* O_RDWR */ | 0400 /* O_NOCTTY */);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name, length) != 0) return -1;
    return fd;
}

static inline WINDOW *clinic_stdscr(void) { return stdscr; }
static inline int clinic_lines(void) { return LINES; }
static inline int clinic_cols(void) { return COLS; }
static inline int clinic_colors(void) { return COLORS; }
static inline attr_t clinic_a_normal(void) { return A_NORMAL; }
static inline attr_t clinic_a_bold(void) { return A_BOLD; }
static inline attr_t clinic_a_reverse(void) { return A_REVERSE; }
static inline attr_t clinic_a_underline(void) { return A_UNDERLINE; }
static inline attr_t clinic_a_dim(void) { return A_DIM; }
static inline int clinic_key_f(int n) { return KEY_F(n); }
static inline int clinic_key_code_yes(void) { return KEY_CODE_YES; }
static inline int clinic_err(void) { return ERR; }
static inline int clinic_ok(void) { return OK; }
/// newterm on the process's stdout/stdin; NULL when TERM names no known terminal.
static inline SCREEN *clinic_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Sets one wide cell: `text` is a NUL-terminated wchar_t string (one base
/// character plus combining marks).
static inline int clinic_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// Last terminating signal seen (SIGINT, SIGTERM, SIGHUP, SIGQUIT) or 0.
static volatile sig_atomic_t clinic_pending_signal = 0;
static inline void clinic_on_signal(int sig) { clinic_pending_signal = sig; }
/// Routes terminating signals into a flag the input loop polls, so the terminal is
/// always restored by the main loop (endwin) instead of dying mid-screen.
static inline void clinic_install_signal_handlers(void) {
    struct sigaction action;
    action.sa_handler = clinic_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
}
static inline int clinic_take_signal(void) {
    int sig = clinic_pending_signal;
    clinic_pending_signal = 0;
    return sig;
}

#endif
