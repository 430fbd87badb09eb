#ifndef CLINIC_CRASH_RESTORE_H
#define CLINIC_CRASH_RESTORE_H

/// Saves the terminal's settings and installs a crash-signal handler that puts them back
/// (cooked mode, main screen, cursor shown) before handing the signal on to the handler that
/// was there (Swift's backtracer), so a crash report prints on a usable terminal and the
/// process still ends. Call once, before ncurses changes the terminal.
void clinic_install_crash_restore(void);

#endif
