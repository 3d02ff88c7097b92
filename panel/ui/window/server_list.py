"""The list of profiles on the left: engine icon, name, model, port, state badge, GPU memory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.security import exposed_host, key_file_exposure
from panel.core.servers.server_state import ServerState
from panel.ui.window.server_rows import (
    BADGE_COLOURS,
    ENGINE_COLOURS,
    LOAD_BAR_COLOUR,
    MODEL_BADGES,
    ModelRow,
    ServerRow,
    engine_icon,
)

if TYPE_CHECKING:
    from panel.core.servers.preflight import Problem  # loads after the first paint

__all__ = [
    "BADGE_COLOURS",
    "ENGINE_COLOURS",
    "ModelRow",
    "ServerDelegate",
    "ServerListModel",
    "ServerRow",
    "engine_icon",
]

Index = QModelIndex | QPersistentModelIndex
_LOADING_STATES = (ServerState.STARTING, ServerState.LOADING)


class ServerListModel(QAbstractListModel):
    ProfileRole = Qt.ItemDataRole.UserRole + 1
    BadgeRole = Qt.ItemDataRole.UserRole + 2
    DetailRole = Qt.ItemDataRole.UserRole + 3
    LoadFractionRole = Qt.ItemDataRole.UserRole + 4

    ModelRole = Qt.ItemDataRole.UserRole + 5  # a model row's ModelRow; None on a server's

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ServerRow] = []
        # The list shows each server, then the models of a router-mode llama-server under
        # it: _lines holds what each line of the view is.
        self._models: dict[str, list[ModelRow]] = {}
        self._lines: list[ServerRow | ModelRow] = []
        self._icons = {engine: engine_icon(engine) for engine in Engine}

    # -- content ---------------------------------------------------------------------
    def set_profiles(self, profiles: list[ServerProfile]) -> None:
        old = {row.profile.name: row for row in self._rows}
        self.beginResetModel()
        self._rows = []
        for profile in profiles:
            row = old.get(profile.name) or ServerRow(profile)
            row.profile = profile
            self._rows.append(row)
        self._models = {name: models for name, models in self._models.items() if name in old}
        self._relayout()
        self.endResetModel()

    def _relayout(self) -> None:
        self._lines = []
        for row in self._rows:
            self._lines.append(row)
            self._lines.extend(self._models.get(row.profile.name, ()))

    def rows(self) -> list[ServerRow]:
        """The servers, without the model lines under them."""
        return list(self._rows)

    def server_row(self, name: str) -> ServerRow | None:
        return next((row for row in self._rows if row.profile.name == name), None)

    def row_for(self, name: str) -> int | None:
        """The view's line of server ``name`` (for ``index()``)."""
        for i, line in enumerate(self._lines):
            if isinstance(line, ServerRow) and line.profile.name == name:
                return i
        return None

    def row_at(self, index: Index) -> ServerRow | None:
        """The server on this line; on a model's line, the server it belongs to."""
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        return line if isinstance(line, ServerRow) else self.server_row(line.server)

    def model_at(self, index: Index) -> ModelRow | None:
        """The model on this line, or None on a server's line."""
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        return line if isinstance(line, ModelRow) else None

    def router_models(self, name: str) -> list[ModelRow]:
        return list(self._models.get(name, ()))

    def set_router_models(self, name: str, models: list[ModelRow]) -> None:
        """Show ``models`` under server ``name`` (none: its lines go). Lines are inserted,
        removed or changed in place, so the user's selection stays where it was."""
        at = self.row_for(name)
        if at is None:
            return
        old = self._models.get(name, [])
        if [m.model.id for m in old] == [m.model.id for m in models]:
            self._models[name] = list(models)
            self._relayout()
            changed = [i for i, (a, b) in enumerate(zip(old, models, strict=True)) if a != b]
            if changed:
                first, last = self.index(at + 1 + changed[0]), self.index(at + 1 + changed[-1])
                self.dataChanged.emit(first, last)
            return
        if old:
            self.beginRemoveRows(QModelIndex(), at + 1, at + len(old))
            self._models.pop(name, None)
            self._relayout()
            self.endRemoveRows()
        if models:
            self.beginInsertRows(QModelIndex(), at + 1, at + len(models))
            self._models[name] = list(models)
            self._relayout()
            self.endInsertRows()

    def update(self, name: str, **fields: Any) -> None:
        i = self.row_for(name)
        if i is None:
            return
        row = self._lines[i]
        assert isinstance(row, ServerRow)
        changed = False
        for key, value in fields.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
                changed = True
        if changed:
            index = self.index(i)
            self.dataChanged.emit(index, index)

    # -- Qt model --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self.model_at(index)
        if model is not None:
            return self.model_data(model, role)
        row = self.row_at(index)
        if row is None:
            return None
        if role == self.ModelRole:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.profile.name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[row.profile.engine]
        if role == self.ProfileRole:
            return row.profile
        if role == self.BadgeRole:
            return self.badge(row)
        if role == self.DetailRole:
            return self.detail(row)
        if role == self.LoadFractionRole:
            return row.load_fraction if row.state in _LOADING_STATES else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.profile.name}, {self.badge(row)[0]}"
        return None

    def model_data(self, line: ModelRow, role: int) -> Any:
        # Loaded by now (a model line exists only under a running router-mode server);
        # at the top it would load every engine adapter before the first paint.
        from panel.core.engines.llama_router import ModelState

        model = line.model
        if role == Qt.ItemDataRole.DisplayRole:
            return model.id
        if role == self.ModelRole:
            return line
        if role == self.ProfileRole:
            server = self.server_row(line.server)
            return server.profile if server is not None else None
        if role == self.BadgeRole:
            return (model.label(), MODEL_BADGES[model.state])
        if role == self.DetailRole:
            return self.model_detail(line)
        if role == self.LoadFractionRole:
            return model.progress if model.state is ModelState.LOADING else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.model_tooltip(line)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{0}, model of {1}, {2}").format(model.id, line.server, model.label())
        return None

    def model_detail(self, line: ModelRow) -> str:
        from panel.core.engines.llama_router import ModelState  # see model_data

        model = line.model
        if model.state is ModelState.FAILED and line.reason:
            return line.reason
        # Its server is the line above: say where the model comes from, and once loaded
        # the port of its own llama-server (the log's lines of it start with "[PORT]").
        sources = {
            "models_dir": self.tr("models folder"),
            "preset": self.tr("preset file"),
            "cache": self.tr("download cache"),
        }
        parts = [sources.get(model.source, model.source)]
        if model.state is ModelState.LOADED and model.port is not None:
            parts.append(f":{model.port}")
        return " · ".join(part for part in parts if part)

    def model_tooltip(self, line: ModelRow) -> str:
        from panel.core.engines.llama_router import ModelState  # see model_data

        model = line.model
        lines = [
            model.id,
            self.tr("A model of {0} (llama-server's router mode): {1}").format(
                line.server, model.label()
            ),
        ]
        if model.aliases and model.aliases != (model.id,):
            lines.append(self.tr("Also answers to: {0}").format(", ".join(model.aliases)))
        if model.state is ModelState.FAILED:
            lines.append(self.tr("Failed to load: {0}").format(line.reason or model.exit_code))
        if model.state in (ModelState.UNLOADED, ModelState.FAILED):
            lines.append(
                self.tr("Double-click or right-click to load it; a request naming it loads it too.")
            )
        else:
            lines.append(self.tr("Right-click to unload it and free its memory."))
        return "\n".join(lines)

    def badge(self, row: ServerRow) -> tuple[str, str]:
        """(text, colour key) of the state badge."""
        if row.profile.attached:
            return (
                (self.tr("attached"), "attached")
                if row.state is not ServerState.READY
                else (self.tr("attached · ready"), "ready")
            )
        state = row.state
        if state is ServerState.LOADING:
            return (row.progress_text or self.tr("loading"), "loading")
        if state is ServerState.STARTING and row.progress_text:  # the previous load's estimate
            return (row.progress_text, "starting")
        if state is ServerState.STOPPED and row.problem is not None:
            return (self.problem_label(row.problem), "problem")
        if state is ServerState.READY and row.sleep == "sleeping":
            return (self.tr("sleeping"), "sleeping")
        if state is ServerState.READY and row.sleep == "waking":
            return (self.tr("waking"), "loading")
        names = {
            ServerState.STOPPED: self.tr("stopped"),
            ServerState.STARTING: self.tr("starting"),
            ServerState.READY: self.tr("ready"),
            ServerState.STOPPING: self.tr("stopping"),
            ServerState.CRASHED: self.tr("crashed"),
        }
        return (names[state], state.value)

    def problem_label(self, problem: Problem) -> str:
        """A few words for the badge; the tooltip and the header give the whole story."""
        labels = {
            "missing-model": self.tr("model missing"),
            "missing-binary": self.tr("no binary"),
            "missing-runtime": self.tr("no runtime"),
            "daemon-down": self.tr("can't start: no daemon"),
            "socket-permission": self.tr("can't start: no docker access"),
            "no-nvidia-runtime": self.tr("can't start: no NVIDIA runtime"),
            "mount": self.tr("can't start: mount missing"),
            "model-not-mounted": self.tr("can't start: model not mounted"),
            "api-key": self.tr("can't start: API key unset"),
            "missing-file": self.tr("can't start: file missing"),
            "misplaced-flag": self.tr("can't start: flag conflict"),
        }
        return labels.get(problem.code, self.tr("can't start"))

    def detail(self, row: ServerRow) -> str:
        profile = row.profile
        if row.metrics and row.state is ServerState.READY:
            # The live figures take the line beside the port (engine and model are in the
            # tooltip and the header); a network-wide bind stays in view.
            exposed = exposed_host(profile)
            where = (
                (profile.attach_url or f":{profile.port}") if exposed is None else f"⚠ {exposed}"
            )
            return f"{where} · {row.metrics}"
        parts = [profile.engine.value]
        if profile.containerised:
            parts[0] = self.tr("{engine} in a container").format(engine=profile.engine.value)
        if profile.model:
            parts.append(Path(profile.model).name if "/" in profile.model else profile.model)
        exposed = exposed_host(profile)
        if exposed is not None:
            # Open to the network: the address itself, marked, where the port would be.
            parts.append(
                f"⚠ {exposed}:{profile.port}"
                if ":" not in exposed
                else f"⚠ [{exposed}]:{profile.port}"
            )
        else:
            parts.append(profile.attach_url or f":{profile.port}")
        if row.gpu_bytes:
            from panel.core.models.memory_fit import format_bytes  # after the first paint

            parts.append(format_bytes(row.gpu_bytes))
        return " · ".join(parts)

    def tooltip(self, row: ServerRow) -> str:
        lines = [row.profile.name, row.profile.model or "", row.profile.base_url]
        if row.profile.containerised:
            from panel.core.servers.containers import image_for  # not before the first paint

            lines.append(self.tr("Container image: {0}").format(image_for(row.profile)))
            if row.container and row.state.running:
                lines.append(self.tr("Running as container {0}").format(row.container))
        exposed = exposed_host(row.profile)
        if exposed is not None:
            text = self.tr(
                "Listens on every network interface ({0}): other machines can reach it. "
                "Edit the profile and use 127.0.0.1 to keep it on this machine."
            )
            lines.append(text.format(exposed))
        key_exposure = key_file_exposure(row.profile.api_key_ref)
        if key_exposure is not None:
            lines.append(self.tr("Warning: {0}").format(key_exposure))
        if row.problem is not None:
            lines.append(self.tr("Can't start here: {0}").format(row.problem))
        if row.state is ServerState.CRASHED and row.reason:
            lines.append(self.tr("Crashed: {0}").format(row.reason))
        if row.metrics and row.state is ServerState.READY:
            lines.append(row.metrics)
        return "\n".join(line for line in lines if line)


class ServerDelegate(QStyledItemDelegate):
    """Two lines per server: icon and bold name across the whole row; then engine · model ·
    port · GPU, with the state badge at its right end.

    The name has the row to itself: at 1024 px the list is about 250 px wide, and a badge
    beside the name ("model missing") left it a hundred.
    """

    PAD = 8
    ICON = 32

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(240, max(self.ICON, fm.height() * 2 + 6) + 2 * self.PAD)

    @staticmethod
    def elide_name(fm: QFontMetrics, name: str, width: int) -> str:
        """Elided in the middle: profile names often differ only at the end ("… (2)", the
        quantisation, "(CPU)"); the tooltip has the whole name."""
        return fm.elidedText(name, Qt.TextElideMode.ElideMiddle, width)

    @staticmethod
    def badge_text(fm: QFontMetrics, text: str, width: int) -> str:
        """The badge as it fits: whole, else the words before the colon ("can't start"; the
        tooltip and the header give the reason), else elided."""
        if fm.horizontalAdvance(text) <= width:
            return text
        head = text.partition(":")[0]
        if head != text and fm.horizontalAdvance(head) <= width:
            return head
        return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)

    @classmethod
    def name_width(cls, row_width: int) -> int:
        """The room the name gets in a row this wide: all of it but the icon and padding."""
        return row_width - (3 * cls.PAD + 2 + cls.ICON)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        # Background and selection, as the platform style draws them.
        opt.text = ""
        opt.icon = QIcon()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        rect: QRect = opt.rect
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        dim = QColor(text_colour)
        dim.setAlpha(170)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        icon_rect = QRect(
            rect.left() + self.PAD, rect.center().y() - self.ICON // 2, self.ICON, self.ICON
        )
        is_model = index.data(ServerListModel.ModelRole) is not None
        font = QFont(opt.font)
        bold = QFont(font)
        bold.setBold(True)
        if is_model:
            # A model of the router above: indented under its name, a small dot for an
            # icon, the name in the regular weight.
            dot = self.ICON // 4
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(dim)
            painter.drawEllipse(icon_rect.center(), dot // 2, dot // 2)
            bold = QFont(font)
        else:
            icon: QIcon = index.data(Qt.ItemDataRole.DecorationRole)
            icon.paint(painter, icon_rect)
        fm = QFontMetrics(bold)
        left = icon_rect.right() + self.PAD + 2
        top = rect.top() + self.PAD
        name_rect = QRect(left, top, self.name_width(rect.width()), fm.height())
        painter.setFont(bold)
        painter.setPen(text_colour)
        name = self.elide_name(fm, index.data(), name_rect.width())
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )

        badge_text, badge_key = index.data(ServerListModel.BadgeRole)
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
        badge_fm = QFontMetrics(small)
        badge_text = self.badge_text(badge_fm, badge_text, int(name_rect.width() * 0.6) - 14)
        badge_w = badge_fm.horizontalAdvance(badge_text) + 16
        badge_h = badge_fm.height() + 4
        second = name_rect.bottom() + 4
        badge_rect = QRect(rect.right() - self.PAD - badge_w, second - 1, badge_w, badge_h)
        bg, fg = BADGE_COLOURS.get(badge_key, BADGE_COLOURS["stopped"])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(badge_rect, badge_h / 2, badge_h / 2)
        fraction = index.data(ServerListModel.LoadFractionRole)
        if fraction is not None:  # loading: the badge fills up as a progress bar
            painter.save()
            painter.setClipRect(QRect(badge_rect.left(), badge_rect.top(),
                                      round(badge_rect.width() * fraction), badge_h))  # fmt: skip
            painter.setBrush(QColor(LOAD_BAR_COLOUR))
            painter.drawRoundedRect(badge_rect, badge_h / 2, badge_h / 2)
            painter.restore()
        painter.setPen(QColor(fg))
        painter.setFont(small)
        painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge_text)

        detail_rect = QRect(left, second, badge_rect.left() - left - 6, badge_fm.height())
        painter.setPen(dim)
        detail = badge_fm.elidedText(
            index.data(ServerListModel.DetailRole),
            Qt.TextElideMode.ElideMiddle,
            detail_rect.width(),
        )
        painter.drawText(
            detail_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail
        )
        painter.restore()
