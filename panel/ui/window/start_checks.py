"""What can start on this machine, and the page the window opens on.

A mixin of :class:`panel.ui.window.main_window.MainWindow`. Profiles that cannot start here
show "can't start: <reason>" in the list before anyone presses Start; the window opens on
one that can start (a demo profile first), else on the first-steps page. The first paint
picks from the config alone; the checks run right after it (:mod:`panel.ui.window.startup`)
and move the selection if the profile it opened on cannot start.
"""

from __future__ import annotations

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.servers.can_start import (
    check_all,
    first_choice,
    headline,
    is_demo,
    start_blockers,
)
from panel.ui.window.window_base import WindowBase
from panel.ui.workers import OffThread


class StartChecks(WindowBase):
    """Keeps each profile's "can't start" reason, and picks where the window opens."""

    def _refresh_problems(self) -> None:
        """The checks that read files and PATH run now; those that ask a container
        daemon (which can hang) run off the GUI thread and report in _on_checks."""
        boxed = []
        for row in self.model.rows():
            profile = row.profile
            self._blockers[profile.name] = start_blockers(profile, probe_runtime=False)
            self.model.update(profile.name, problem=headline(self._blockers[profile.name]))
            if profile.container is not None and not profile.attached:
                boxed.append(profile)
        self._checks += 1
        self.checks_pending = bool(boxed)
        if boxed:
            round_ = self._checks
            OffThread(lambda: check_all(boxed), lambda found: self._on_checks(round_, found), self)

    def _on_checks(self, round_: int, found: object) -> None:
        if round_ != self._checks:
            return  # the profiles changed meanwhile: a newer round is on its way
        self.checks_pending = False
        if not isinstance(found, dict):
            return  # the checks themselves failed: the static ones stand
        for name, problems in found.items():
            self._blockers[name] = problems
            self.model.update(name, problem=headline(problems))
        # Still on the profile the window opened on, untouched: open on one that can start.
        picked = self.selected_profile()
        untouched = picked is not None and picked.name == self._picked
        idle = not self._starting and not self.hub.running()
        if untouched and idle and picked is not None and self._blockers.get(picked.name):
            self._open_on_first_choice()
        self._update_header()

    def _open_on_first_choice(self) -> None:
        """A profile that can start here, a demo one first; else the first-steps page."""
        choice = first_choice(self.config.profiles, self._blockers)
        self._picked = choice.name if choice is not None else ""
        if choice is not None:
            self.select(choice.name)
            self._show_details()
            if self._started:  # else the checks have not run: it may not start after all
                self._hint_if_demo(choice)
        else:
            self.select_none()
            self.show_first_steps()
            self._update_header()  # nothing was selected before either: no signal says so
            self._update_actions()

    def _recheck_first_choice(self) -> None:
        """After the start-up's checks: the window opened on a profile chosen from the
        config alone; one that cannot start here gives way to one that can (unless the
        user has picked another meanwhile)."""
        picked = self.selected_profile()
        if picked is None or picked.name != self._picked:
            return
        if self._blockers.get(picked.name):
            self._open_on_first_choice()
        else:
            self._hint_if_demo(picked)

    def _hint_if_demo(self, profile: ServerProfile) -> None:
        if is_demo(profile):
            self.show_hint(self.tr("{0} can start here: press F5 (Start).").format(profile.name))

    def show_hint(self, text: str) -> None:
        """A status bar message, shown once the window is: one shown earlier would sit on
        top of the status bar's labels (showing the window shows them again)."""
        self._hint = text
        if self.isVisible():
            self._show_pending_hint()

    def _show_pending_hint(self) -> None:
        if self._hint:
            self.statusBar().showMessage(self._hint, 20_000)
            self._hint = ""

    def show_first_steps(self) -> None:
        self.first_run.set_profile_count(len(self.config.profiles))
        self.right.setCurrentWidget(self.first_run)

    def _show_details(self) -> None:
        self.right.setCurrentWidget(self.details)

    def attach_to_server(self) -> None:
        """New profile, set to attach to a server started elsewhere."""
        self.new_profile(ServerProfile("", Engine.LLAMA_CPP, attach_url="http://127.0.0.1:8080"))
