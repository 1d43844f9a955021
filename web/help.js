// The help portal and chat widget (R-H1). Everything the customer or the server
// wrote is put on the page with textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const ACTIONS_KEY = 'care-portal-actions';
const CHAT_KEY = 'care-chat';

// --- Self-service actions: pages visited, searches, articles viewed (R-F2) ---------
// kind: visited_page, searched, article_viewed (the names the server's codec takes).
function recordAction(kind, detail) {
  const actions = JSON.parse(sessionStorage.getItem(ACTIONS_KEY) || '[]');
  actions.push({ kind, detail: String(detail).slice(0, 500), at: new Date().toISOString() });
  sessionStorage.setItem(ACTIONS_KEY, JSON.stringify(actions.slice(-50)));
}

function visitorDetails() {
  const ua = navigator.userAgent;
  const browser = /Firefox\/\d+/.exec(ua)?.[0] || /(Edg|Chrome|Chromium)\/\d+/.exec(ua)?.[0] ||
    /Version\/\d+.*Safari/.test(ua) && 'Safari' || 'unknown';
  const os = /Windows NT [\d.]+/.exec(ua)?.[0] || /Android [\d.]+/.exec(ua)?.[0] ||
    /iPhone OS [\d_]+/.exec(ua)?.[0] || /Mac OS X [\d_]+/.exec(ua)?.[0] || /Linux/.exec(ua)?.[0] || 'unknown';
  return {
    authenticated: false,  // the portal has no customer sign-in yet
    browser: browser.replace('/', ' '),
    operating_system: os.replace(/_/g, '.'),
    language: navigator.language || '',
    // The browser knows no place; its time zone ("Europe/Sofia") is the honest hint.
    location: Intl.DateTimeFormat().resolvedOptions().timeZone || '',
  };
}

// --- Knowledge base ---------------------------------------------------------------
async function getJson(url, options = {}) {
  const response = await fetch(url, options);
  const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error?.message || `the server answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

async function search(query) {
  recordAction('searched', query);
  const results = $('results');
  $('article').hidden = true;
  results.replaceChildren();
  try {
    const { articles } = await getJson(`/api/channels/kb?q=${encodeURIComponent(query)}`);
    if (articles.length === 0) {
      const none = document.createElement('p');
      none.textContent = 'No articles match. Chat with us below.';
      results.append(none);
    }
    for (const article of articles) {
      const link = document.createElement('a');
      link.className = 'result';
      link.href = `#article-${article.id}`;
      const title = document.createElement('strong');
      title.textContent = article.title;
      const snippet = document.createElement('span');
      snippet.textContent = article.snippet;
      link.append(title, snippet);
      results.append(link);
    }
  } catch (error) {
    results.textContent = `Search failed: ${error.message}`;
  }
}

async function showArticle(id) {
  try {
    const { article } = await getJson(`/api/channels/kb/${encodeURIComponent(id)}`);
    recordAction('article_viewed', article.title);
    $('results').replaceChildren();
    $('article-title').textContent = article.title;
    $('article-body').textContent = article.body;
    $('article').hidden = false;
  } catch (error) {
    $('results').textContent = `The article could not be opened: ${error.message}`;
  }
}

function route() {
  const match = /^#article-(\d+)$/.exec(location.hash);
  if (match) showArticle(match[1]);
}

// --- Chat -------------------------------------------------------------------------
let chat = JSON.parse(sessionStorage.getItem(CHAT_KEY) || 'null');  // {id, token}
let events = null;
let typingTimer = null;
const shownMessages = new Set();

function openWidget(open) {
  $('chat').hidden = !open;
  $('chat-launcher').hidden = open;
  $('chat-launcher').setAttribute('aria-expanded', String(open));
  if (open) (chat ? $('message') : $('survey').elements.name).focus();
}

function addLine(kind, text, id) {
  if (id !== undefined) {
    if (shownMessages.has(id)) return;  // a replay after reconnecting
    shownMessages.add(id);
  }
  const line = document.createElement('li');
  line.className = kind;
  line.textContent = text;
  $('transcript').append(line);
  line.scrollIntoView({ block: 'end' });
}

function authHeaders() {
  return { 'Content-Type': 'application/json', Authorization: `Bearer ${chat.token}` };
}

function showMessage(message) {
  addLine(message.author === 'customer' ? 'inbound' : 'outbound', message.text, message.id);
  if (message.author === 'agent') $('typing').hidden = true;
}

async function connect() {
  $('survey').hidden = true;
  $('conversation').hidden = false;
  $('chat-status').textContent = 'Waiting for an agent…';
  events?.close();
  // The transcript so far (the question, or everything after a reload), then live.
  try {
    const { messages } = await getJson(`/api/channels/chat/${chat.id}/messages`, { headers: authHeaders() });
    messages.forEach(showMessage);
  } catch (error) {
    if (error.status === 404) {  // the chat is gone: start over
      sessionStorage.removeItem(CHAT_KEY);
      chat = null;
      $('survey').hidden = false;
      $('conversation').hidden = true;
      return;
    }
  }
  // EventSource cannot send headers: the widget token rides in the query string.
  events = new EventSource(`/api/channels/chat/${chat.id}/events?token=${encodeURIComponent(chat.token)}`);
  events.addEventListener('chat.message', (event) => {
    showMessage(JSON.parse(event.data).message);
  });
  events.addEventListener('chat.typing', (event) => {
    const { typing } = JSON.parse(event.data);
    $('typing').hidden = !typing;
  });
  events.addEventListener('chat.joined', (event) => {
    const { agent } = JSON.parse(event.data);
    $('chat-status').textContent = `${agent} is here to help`;
  });
  events.addEventListener('chat.ended', () => {
    addLine('notice', 'The agent ended the chat. Thank you!');
    $('chat-status').textContent = 'Chat ended';
    $('composer').hidden = true;
    events.close();
    sessionStorage.removeItem(CHAT_KEY);
    chat = null;
  });
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED && chat) $('chat-error').textContent = 'Connection lost.';
  };
  events.onopen = () => { $('chat-error').textContent = ''; };
}

async function startChat(event) {
  event.preventDefault();
  const form = new FormData($('survey'));
  $('survey-error').textContent = '';
  try {
    const body = {
      name: form.get('name').trim(),
      email: form.get('email').trim(),
      question: form.get('question').trim(),
      visitor: visitorDetails(),
      self_service: JSON.parse(sessionStorage.getItem(ACTIONS_KEY) || '[]'),
    };
    const answer = await getJson('/api/channels/chat', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    chat = { id: answer.chat.id, token: answer.chat.token };
    sessionStorage.setItem(CHAT_KEY, JSON.stringify(chat));
    connect();
  } catch (error) {
    $('survey-error').textContent = error.message;
  }
}

async function send(event) {
  event.preventDefault();
  const text = $('message').value.trim();
  if (!text || !chat) return;
  $('chat-error').textContent = '';
  try {
    await getJson(`/api/channels/chat/${chat.id}/messages`, {
      method: 'POST', headers: authHeaders(), body: JSON.stringify({ text }),
    });
    $('message').value = '';  // kept until the server has it: nothing typed is lost
  } catch (error) {
    $('chat-error').textContent = error.message;
  }
}

function typing(active) {
  if (!chat) return;
  fetch(`/api/channels/chat/${chat.id}/typing`, {
    method: 'POST', headers: authHeaders(), body: JSON.stringify({ typing: active }),
  }).catch(() => {});
}

$('message').addEventListener('input', () => {
  if (!typingTimer) typing(true);
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { typingTimer = null; typing(false); }, 2000);
});
$('message').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) send(event);  // Shift+Enter: new line
});
$('composer').addEventListener('submit', send);
$('survey').addEventListener('submit', startChat);
$('chat-launcher').addEventListener('click', () => openWidget(true));
$('chat-close').addEventListener('click', () => openWidget(false));
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = $('search-input').value.trim();
  if (query) search(query);
});
window.addEventListener('hashchange', route);

recordAction('visited_page', location.pathname + location.hash);
route();
if (chat) { openWidget(true); connect(); }
