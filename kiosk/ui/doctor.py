"""``kiosk doctor``'s Qt checks: an OpenGL context, Qt's input devices, the fonts Qt can use."""

from __future__ import annotations

from kiosk.health.doctor import Check

GL_RENDERER = 0x1F01
GL_VERSION = 0x1F02


def qt_checks() -> list[Check]:
    """Needs the QApplication (``kiosk.ui.app_qt.create_application``) to exist."""
    return [opengl(), input_devices(), qt_fonts()]


def opengl() -> Check:
    from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

    platform = QGuiApplication.platformName()
    ctx = QOpenGLContext()
    if not ctx.create():
        level = "WARN" if platform in {"offscreen", "minimal"} else "FAIL"
        return Check("opengl", level, f"no OpenGL context on the {platform!r} platform",  # type: ignore[arg-type]
                     "install the GPU's Mesa driver (apt install libgl1-mesa-dri)")
    surface = QOffscreenSurface()
    surface.setFormat(ctx.format())
    surface.create()
    try:
        if not ctx.makeCurrent(surface):
            return Check("opengl", "WARN", "context created but cannot be made current")
        fns = ctx.functions()
        renderer, version = fns.glGetString(GL_RENDERER) or "?", fns.glGetString(GL_VERSION) or "?"
        ctx.doneCurrent()
    finally:
        surface.destroy()
    if "llvmpipe" in str(renderer).lower() or "softpipe" in str(renderer).lower():
        return Check("opengl", "WARN", f"software rendering ({renderer})",
                     "install the GPU driver; software GL is slow at 4K")
    return Check("opengl", "OK", f"{renderer}, OpenGL {version}")


def input_devices() -> Check:
    from PySide6.QtGui import QGuiApplication, QInputDevice

    touch = [d.name() for d in QInputDevice.devices()
             if d.type() in (QInputDevice.DeviceType.TouchScreen, QInputDevice.DeviceType.TouchPad)]
    if touch:
        return Check("qt touch", "OK", ", ".join(touch[:3]))
    platform = QGuiApplication.platformName()
    if platform in {"offscreen", "minimal"}:
        return Check("qt touch", "WARN", f"{platform!r} platform: Qt sees no input devices")
    return Check("qt touch", "WARN", f"Qt ({platform}) sees no touch screen",
                 "check the compositor's input config (cage: libinput; X11: xinput list)")


def qt_fonts() -> Check:
    from PySide6.QtGui import QFontDatabase

    from kiosk.ui.theme import FONT_FAMILY

    families = set(QFontDatabase.families())
    if FONT_FAMILY not in families:
        return Check("qt fonts", "FAIL", f"the bundled {FONT_FAMILY} font did not load",
                     "reinstall the kiosk (assets/fonts is missing or damaged)")
    return Check("qt fonts", "OK", f"{FONT_FAMILY} loaded, {len(families)} families")
