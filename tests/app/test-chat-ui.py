#!/usr/bin/python3
# test-chat-ui.py: the Chat view driven as a person would, in the real window
#
# Copyright 2026 The Tessera authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-chat-ui.py TESSERA SCHEMA_DIR
#
# Opens the Chat view on the built-in Playground, types and sends a message and reads the
# streamed answer back through the accessibility tree, fills and submits a form widget and
# reads the payload the server received, stops a slow answer, then kills the app with a
# message typed but not sent and finds it again after a restart.

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atspi_driver  # noqa: E402

atspi_driver.ensure_private_bus()

from atspi_driver import App, Tap, wait_for  # noqa: E402

BINARY, SCHEMA_DIR = sys.argv[1:3]

home = atspi_driver.scratch_home()
state = {}


def conversation_texts(app):
    return app.texts(app.find('list', 'Conversation'))


def open_chat(app):
    app.click(app.find('page tab', 'Chat'))
    return wait_for(lambda: app.find('text', 'Message', quiet=True), what='the composer')


def send(app, text):
    message = app.find('text', 'Message')
    app.focus(message)
    app.type(text)
    wait_for(lambda: app.text_of(message) == text, what='the typed message in the composer')
    app.key('Return')
    # The composer empties once the message is on its way.
    wait_for(lambda: app.text_of(message) == '', what='the composer to empty')


def test_send_and_stream():
    app = state['app'] = App(BINARY, [], home, SCHEMA_DIR)
    open_chat(app)
    app.find('list', 'Threads')
    app.find('push button', 'New Chat')
    send(app, 'hello there')
    texts = wait_for(lambda: [t for t in conversation_texts(app) if 'You said' in t],
                     what='the answer to stream in')
    assert 'You said: hello there' in texts, texts
    assert 'hello there' in conversation_texts(app), 'the user message is shown'
    # The answer carries its per-item buttons, named.
    for name in ('Copy', 'Good response', 'Bad response'):
        app.find('push button', name, under=app.find('list', 'Conversation'))


def test_form_submit():
    app = state['app']
    send(app, '/widget todo-form')
    title = wait_for(lambda: app.find('text', 'What needs doing?', quiet=True),
                     what='the form widget with its input named by its placeholder')
    app.focus(title)
    app.type('Buy milk')
    wait_for(lambda: app.text_of(title) == 'Buy milk', what='the typed task')
    app.click(app.find('push button', 'Add task'))

    # The playground answers with the payload it received: form values nested by their dotted
    # names, merged into the action's own payload.
    def payload():
        for text in conversation_texts(app):
            if text.lstrip().startswith('{') and 'Buy milk' in text:
                return json.loads(text)
        return None

    try:
            received = wait_for(payload, what='the server to echo the submitted payload')
    except AssertionError as error:
        raise AssertionError('%s; the conversation reads %r' %
                             (error, conversation_texts(app)[-12:]))
    assert received == {'list': 'inbox',
                        'todo': {'title': 'Buy milk', 'priority': 'normal', 'notify': False}}, \
        received


def test_stop():
    app = state['app']
    send(app, '/slow')
    stop = app.find_actionable('push button', 'Stop')
    app.click(stop)
    wait_for(lambda: not app.find_all('push button', 'Stop'), what='the Stop button to go')
    # Sending works again: the response ended.
    send(app, 'after the stop')
    wait_for(lambda: 'You said: after the stop' in conversation_texts(app),
             what='the next answer')


def test_draft_survives_kill():
    app = state['app']
    message = app.find('text', 'Message')
    app.focus(message)
    app.type('words not sent yet')
    wait_for(lambda: app.text_of(message) == 'words not sent yet', what='the typed draft')
    drafts = os.path.join(home, 'state', 'tessera', 'drafts')

    def kept():
        for name in os.listdir(drafts) if os.path.isdir(drafts) else []:
            if not name.endswith('.txt'):  # a write in progress (NAME.txt.XXXXXX)
                continue
            with open(os.path.join(drafts, name), encoding='utf-8') as f:
                if 'words not sent yet' in f.read():
                    return name
        return None

    wait_for(kept, timeout=20, what='the draft to be kept on disk')
    app.kill()

    app = state['app'] = App(BINARY, [], home, SCHEMA_DIR)
    open_chat(app)
    try:
        wait_for(lambda: app.text_of(app.find('text', 'Message')) == 'words not sent yet',
                 what='the draft back in the composer after a restart')
    except AssertionError as error:
        raise AssertionError('%s; the composer holds %r, the conversation reads %r' %
                             (error, app.text_of(app.find('text', 'Message')),
                              conversation_texts(app)[-4:]))
    # The thread it belongs to is open again, with its history.
    wait_for(lambda: 'You said: after the stop' in conversation_texts(app),
             what='the thread to be open again')


tap = Tap(['send-and-stream', 'form-submit', 'stop', 'draft-survives-kill'])
try:
    tap.run('send-and-stream', test_send_and_stream)
    tap.run('form-submit', test_form_submit)
    tap.run('stop', test_stop)
    tap.run('draft-survives-kill', test_draft_survives_kill)
finally:
    if 'app' in state:
        state['app'].kill()
    atspi_driver.remove(home)
tap.exit()
