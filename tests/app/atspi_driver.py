# atspi_driver.py: drives the real Tessera window as a person (or a screen reader) does
#
# Copyright 2026 The Tessera authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Controls are found by their accessible role and name over AT-SPI, keys are typed into the X
# server with xdotool, and what is on screen is read back through AT-SPI. Each test script
# runs on a private session bus (and so a private accessibility bus) of its own.

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback


_display = None


def hold_display():
    """Keeps a connection to the X server: a server that loses its last client resets, and
    refuses connections meanwhile, which a test that restarts the app would run into."""
    global _display
    if _display is None:
        import gi
        gi.require_version('Gdk', '4.0')
        from gi.repository import Gdk
        _display = Gdk.Display.open(os.environ.get('DISPLAY', ''))


TAP_FD = 3


def ensure_private_bus():
    """Re-runs the calling script inside dbus-run-session, once. Only the TAP lines reach
    meson's stdout: the bus, the services it starts (the accessibility registry prints its
    own "UNKNOWN:" lines) and the app write to stderr, and the TAP goes to a copy of stdout."""
    if os.environ.get('TESS_UI_TEST_PRIVATE_BUS') != '1':
        os.environ['TESS_UI_TEST_PRIVATE_BUS'] = '1'
        sys.stdout.flush()
        os.dup2(1, TAP_FD, inheritable=True)
        os.dup2(2, 1)
        os.execvp('dbus-run-session', ['dbus-run-session', '--', sys.executable] + sys.argv)


def _tap_stream():
    try:
        return os.fdopen(TAP_FD, 'w', buffering=1, closefd=False)
    except OSError:  # run without ensure_private_bus()
        return sys.stdout


class Tap:
    """The TAP output meson reads."""

    def __init__(self, names):
        self.names = names
        self.count = 0
        self.failed = 0
        self.out = _tap_stream()
        self.print('1..%d' % len(names))

    def print(self, line):
        print(line, file=self.out, flush=True)

    def run(self, name, func):
        self.count += 1
        try:
            func()
            self.print('ok %d - %s' % (self.count, name))
        except Exception as error:  # every failure is reported, then the run goes on
            self.failed += 1
            self.print('not ok %d - %s' % (self.count, name))
            # Also on stderr, which meson shows for a failed test.
            print('%s failed:' % name, file=sys.stderr, flush=True)
            traceback.print_exc(file=sys.stderr)
            for line in ('%s: %s' % (type(error).__name__, error)).splitlines():
                self.print('# ' + line)

    def exit(self):
        sys.exit(1 if self.failed else 0)


def wait_for(predicate, timeout=10.0, what='a condition'):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as error:  # the tree changes under us while the app works
            last = error
        time.sleep(0.1)
    raise AssertionError('timed out after %.0f s waiting for %s (last: %r)' % (timeout, what, last))


class App:
    """One running Tessera process and its accessible tree."""

    def __init__(self, binary, args, home, schema_dir):
        import pyatspi
        hold_display()
        self.pyatspi = pyatspi
        env = dict(os.environ)
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE'):
            env.pop(name, None)
        env.update({
            'GSETTINGS_BACKEND': 'memory',
            'GSK_RENDERER': 'cairo',
            'GSETTINGS_SCHEMA_DIR': schema_dir,
            'XDG_STATE_HOME': os.path.join(home, 'state'),
            'XDG_DATA_HOME': os.path.join(home, 'data'),
            'XDG_CONFIG_HOME': os.path.join(home, 'config'),
            'XDG_CACHE_HOME': os.path.join(home, 'cache'),
            'G_DEBUG': 'fatal-criticals',
        })
        # TESS_UI_WRAPPER ("valgrind", "gdb -batch -ex run -ex bt --args") runs the app
        # under a tool when a failure needs looking into.
        wrapper = os.environ.get('TESS_UI_WRAPPER', '').split()
        self.process = subprocess.Popen(wrapper + [binary] + list(args), env=env)
        self.root = wait_for(self._find_app, 20, 'the application on the accessibility bus')
        wait_for(lambda: self.find('frame', None, quiet=True), 20, 'the main window')
        self.focus_window()

    def _find_app(self):
        desktop = self.pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            # The registry can still list a process that was just killed: only ours counts.
            if child is not None and child.name == 'tessera':
                try:
                    if (child.get_process_id() == self.process.pid or
                            os.environ.get('TESS_UI_WRAPPER')):
                        return child
                except Exception:
                    continue
        return None

    def walk(self, node=None, depth=0):
        node = self.root if node is None else node
        if node is None or depth > 100:
            return
        yield node
        try:
            count = node.childCount
        except Exception:
            return
        for i in range(count):
            try:
                child = node.getChildAtIndex(i)
            except Exception:
                continue
            yield from self.walk(child, depth + 1)

    def showing(self, node):
        try:
            # GTK 4.8 reports "visible" but never "showing".
            return node.getState().contains(self.pyatspi.STATE_VISIBLE)
        except Exception:
            return False

    def find_all(self, role, name=None, under=None, showing=True):
        found = []
        for node in self.walk(under):
            try:
                if node.getRoleName() != role:
                    continue
                if callable(name):
                    if not name(node.name or ''):
                        continue
                elif name is not None and node.name != name:
                    continue
            except Exception:
                continue
            if showing and not self.showing(node):
                continue
            found.append(node)
        return found

    def find(self, role, name, under=None, quiet=False, timeout=10.0):
        def look():
            nodes = self.find_all(role, name, under)
            return nodes[0] if nodes else None
        if quiet:
            return look()
        return wait_for(look, timeout, '%s named %r' % (role, name))

    def texts(self, under):
        """The names of the labels under a node: what a screen reader reads there."""
        names = []
        for node in self.find_all('label', None, under):
            try:
                names.append(node.name)
            except Exception:  # a recycled row went while we read it
                continue
        return names

    def text_of(self, node):
        text = node.queryText()
        return text.getText(0, text.characterCount)

    def find_actionable(self, role, name, under=None, timeout=10.0):
        """The control a click goes to: GTK exposes a menu button as a plain accessible with
        a toggle button inside, both with the button's name."""
        def look():
            for node in self.find_all(role, name, under):
                try:
                    if node.queryAction().nActions > 0:
                        return node
                except NotImplementedError:
                    continue
            return None
        return wait_for(look, timeout, 'a %s named %r that can be clicked' % (role, name))

    def click(self, node):
        action = node.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ('click', 'press', 'activate'):
                action.doAction(i)
                return
        action.doAction(0)

    def focus_window(self):
        subprocess.run(['xdotool', 'search', '--sync', '--onlyvisible', '--pid',
                        str(self.process.pid), 'windowfocus', '--sync'],
                       check=False, timeout=20, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def window_origin(self):
        """Where the window's top left corner is on the X screen."""
        result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid',
                                 str(self.process.pid), 'getwindowgeometry', '--shell'],
                                capture_output=True, text=True, timeout=20)
        values = dict(line.split('=', 1) for line in result.stdout.split() if '=' in line)
        return int(values.get('X', 0)), int(values.get('Y', 0))

    def click_at(self, node, dx=8, dy=8):
        """A real pointer click near the top left corner of a control."""
        x, y, width, height = node.queryComponent().getExtents(self.pyatspi.WINDOW_COORDS)
        origin_x, origin_y = self.window_origin()
        subprocess.run(['xdotool', 'mousemove', '--sync', str(origin_x + x + min(dx, width - 1)),
                        str(origin_y + y + min(dy, height - 1)), 'click', '1'],
                       check=True, timeout=20)

    def focus(self, node, caret=None):
        """Clicks into a text control, then puts its caret at @caret."""
        self.click_at(node)
        wait_for(lambda: node.getState().contains(self.pyatspi.STATE_FOCUSED), 5,
                 'keyboard focus in %r' % node.name)
        if caret is not None:
            node.queryText().setCaretOffset(caret)
            wait_for(lambda: node.queryText().caretOffset == caret, 5, 'the caret to move')

    def key(self, *keys):
        subprocess.run(['xdotool', 'key', '--clearmodifiers', '--delay', '15'] + list(keys),
                       check=True, timeout=30)

    def type(self, text):
        subprocess.run(['xdotool', 'type', '--clearmodifiers', '--delay', '15', text],
                       check=True, timeout=60)

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def quit(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def named(label):
    """Matches a control named @label, also as libadwaita 1.2's dialog buttons are named:
    the label twice ("Cancel Cancel")."""
    return lambda name: name == label or name == label + ' ' + label


def scratch_home():
    return tempfile.mkdtemp(prefix='tessera-ui-')


def remove(path):
    shutil.rmtree(path, ignore_errors=True)
