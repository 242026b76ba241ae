// A scripted ChatKit server built on the third-party chatkit-node-backend-sdk, so Tessera's
// client is tested against an implementation it did not write.  Loopback only.
//
// Copyright 2026 The Tessera authors
// SPDX-License-Identifier: GPL-3.0-or-later

import http from 'node:http';
import { AttachmentStore, ChatKitServer, CustomStreamError, Store, agents } from 'chatkit-node-backend-sdk';

// The SDK logs with console.log/debug/info; keep stdout for the "listening" line, and survive
// the test closing its end of the pipe once it has read that line.
for (const level of ['log', 'debug', 'info']) console[level] = (...args) => console.error(...args);
process.stdout.on('error', () => {});

const copy = (value) => structuredClone(value);
const now = () => new Date().toISOString();
let port = 0;

function slice(list, after, limit, order) {
  const ordered = order === 'desc' ? [...list].reverse() : [...list];
  const start = after ? ordered.findIndex((entry) => entry.id === after) + 1 : 0;
  const data = ordered.slice(start, start + limit);
  const hasMore = start + limit < ordered.length;
  return { data, has_more: hasMore, after: hasMore ? data[data.length - 1].id : null };
}

class MemoryStore extends Store {
  threads = new Map();
  items = new Map();
  attachments = new Map();

  async loadThread(id) {
    if (!this.threads.has(id)) throw new Error(`no thread ${id}`);
    return copy(this.threads.get(id));
  }
  async saveThread(thread) { this.threads.set(thread.id, copy(thread)); }
  async deleteThread(id) { this.threads.delete(id); this.items.delete(id); }
  async loadThreads(limit, after, order) { return slice([...this.threads.values()], after, limit, order); }
  async loadThreadItems(threadId, after, limit, order) {
    return slice(this.items.get(threadId) || [], after, limit, order);
  }
  async addThreadItem(threadId, item) {
    const list = this.items.get(threadId) || [];
    const index = list.findIndex((entry) => entry.id === item.id);
    if (index >= 0) list[index] = copy(item); else list.push(copy(item));
    this.items.set(threadId, list);
  }
  async saveItem(threadId, item) { return this.addThreadItem(threadId, item); }
  async loadItem(threadId, id) {
    const item = (this.items.get(threadId) || []).find((entry) => entry.id === id);
    if (!item) throw new Error(`no item ${id}`);
    return copy(item);
  }
  async deleteThreadItem(threadId, id) {
    this.items.set(threadId, (this.items.get(threadId) || []).filter((entry) => entry.id !== id));
  }
  // The SDK saves what createAttachment returned; uploads are tracked beside it.
  uploads = new Map();
  async saveAttachment(attachment) { this.attachments.set(attachment.id, copy(attachment)); }
  async loadAttachment(id) {
    const attachment = this.attachments.get(id);
    if (!attachment) throw new Error(`no attachment ${id}`);
    if (!this.uploads.get(id)?.uploaded) throw new Error(`attachment ${id} was never uploaded`);
    const { upload_descriptor, ...wire } = attachment;
    return copy(wire);
  }
  async deleteAttachment(id) { this.attachments.delete(id); this.uploads.delete(id); }
}

class UploadingAttachments extends AttachmentStore {
  constructor(store) { super(); this.store = store; }
  async createAttachment(params) {
    const id = this.generateAttachmentId(params.mime_type);
    const type = params.mime_type.startsWith('image/') ? 'image' : 'file';
    const attachment = { type, id, name: params.name, mime_type: params.mime_type };
    if (type === 'image') attachment.preview_url = `http://127.0.0.1:${port}/files/${id}`;
    this.store.uploads.set(id, { size: params.size, uploaded: false });
    return { ...attachment, upload_descriptor: { url: `http://127.0.0.1:${port}/files/${id}`, method: 'PUT', headers: { 'X-Upload-Token': id } } };
  }
  async deleteAttachment(id) {
    if (!this.store.attachments.has(id)) throw new Error(`no attachment ${id}`);
  }
}

function item(thread, store, type, fields) {
  return { type, id: store.generateItemId('message', thread), thread_id: thread.id, created_at: now(), ...fields };
}

class Scripted extends ChatKitServer {
  async *respond(thread, message) {
    if (!message) {
      const done = item(thread, this.store, 'assistant_message', {
        content: [{ type: 'output_text', text: 'node got the tool output', annotations: [] }] });
      yield { type: 'thread.item.done', item: done };
      return;
    }
    const text = (message.content || []).filter((part) => part.type === 'input_text').map((part) => part.text).join(' ');
    if (text === '/tool') {
      yield { type: 'thread.item.done', item: item(thread, this.store, 'client_tool_call', {
        status: 'pending', call_id: 'call_node', name: 'get_time', arguments: { timezone: 'UTC' } }) };
      return;
    }
    if (text === '/fail') {
      yield { type: 'progress_update', text: 'about to fail' };
      throw new CustomStreamError('node says no', false);
    }

    yield { type: 'progress_update', icon: 'search', text: 'Thinking...' };
    const answer = item(thread, this.store, 'assistant_message', { content: [] });
    yield { type: 'thread.item.added', item: answer };
    yield { type: 'thread.item.updated', item_id: answer.id, update: {
      type: 'assistant_message.content_part.added', content_index: 0, content: { type: 'output_text', text: '', annotations: [] } } };
    let said = '';
    for (const piece of ['You', ' said: ', text]) {
      said += piece;
      yield { type: 'thread.item.updated', item_id: answer.id, update: {
        type: 'assistant_message.content_part.text_delta', content_index: 0, delta: piece } };
    }
    const part = { type: 'output_text', text: said, annotations: [] };
    yield { type: 'thread.item.updated', item_id: answer.id, update: {
      type: 'assistant_message.content_part.done', content_index: 0, content: part } };
    yield { type: 'thread.item.done', item: { ...answer, content: [part] } };

    // A streamed widget, diffed by the SDK's own diffWidget.
    const states = [
      { type: 'Card', children: [{ type: 'Text', id: 'body', value: 'Hel', streaming: true }] },
      { type: 'Card', children: [{ type: 'Text', id: 'body', value: 'Hello wor', streaming: true }] },
      { type: 'Card', children: [{ type: 'Text', id: 'body', value: 'Hello world', streaming: true },
        { type: 'Button', label: 'OK', onClickAction: { type: 'demo.ok', payload: { n: 1 } } }] },
    ];
    const widget = item(thread, this.store, 'widget', { widget: states[0], copy_text: 'copy me' });
    yield { type: 'thread.item.added', item: widget };
    for (let k = 1; k < states.length; k++) {
      for (const update of agents.diffWidget(states[k - 1], states[k])) {
        yield { type: 'thread.item.updated', item_id: widget.id, update };
      }
    }
    yield { type: 'thread.item.done', item: { ...widget, widget: states[states.length - 1] } };

    if (!thread.title) thread.title = text.slice(0, 40);
    yield { type: 'notice', level: 'info', message: 'Node peer: **no model** was called.' };
  }

  async *action(thread, action, sender) {
    yield { type: 'client_effect', name: 'demo_effect', data: { got: action } };
    if (sender) {
      const widget = { ...sender.widget, status: { text: `Last action: ${action.type}` } };
      yield { type: 'thread.item.replaced', item: { ...sender, widget } };
    }
    yield { type: 'thread.item.done', item: item(thread, this.store, 'assistant_message', {
      content: [{ type: 'output_text', text: `action ${action.type} from ${sender?.id ?? 'none'}`, annotations: [] }] }) };
  }
}

const store = new MemoryStore();
const server = new Scripted(store, new UploadingAttachments(store));

async function readBody(request, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const httpServer = http.createServer(async (request, response) => {
  // A client that hangs up mid-answer (the Stop button) must not take the server down.
  request.on('error', () => {});
  response.on('error', () => {});
  const url = new URL(request.url, 'http://127.0.0.1');
  try {
    if (url.pathname.startsWith('/files/') && request.method === 'PUT') {
      const id = url.pathname.slice('/files/'.length);
      const upload = store.uploads.get(id);
      const body = await readBody(request, 1 << 20);
      if (!upload || request.headers['x-upload-token'] !== id || body.length !== upload.size) {
        response.writeHead(400, { 'Content-Type': 'application/json' });
        return response.end(JSON.stringify({ error: `bad upload for ${id}` }));
      }
      upload.uploaded = true;
      response.writeHead(204);
      return response.end();
    }
    if (request.method !== 'POST' || url.pathname !== '/chatkit') {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      return response.end(JSON.stringify({ error: `no such endpoint ${url.pathname}` }));
    }
    const body = await readBody(request, 1 << 20);
    const result = await server.process(body.toString('utf8'), {});
    if (result.isStreaming) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      try {
        for await (const chunk of result) {
          if (response.destroyed) break;
          response.write(chunk);
        }
      } catch (error) {
        // Like the reference server: headers are out, so the stream is simply cut.
        console.error('stream failed:', error?.message || error);
        return response.destroy();
      }
      return response.end();
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(result.toString());
  } catch (error) {
    if (response.headersSent) return response.destroy();
    response.writeHead(500, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ error: String(error?.message || error) }));
  }
});

httpServer.on('clientError', (error, socket) => socket.destroy());
httpServer.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  port = httpServer.address().port;
  process.stdout.write(`http://127.0.0.1:${port}/chatkit\n`);
});
process.on('SIGTERM', () => httpServer.close(() => process.exit(0)));
