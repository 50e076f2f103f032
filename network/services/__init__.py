"""The network's work, one module per area: `projects` (applications, jury, decisions, dock-on
requests) and `signups` (double opt-in, unsubscribe, export). Services raise `NetworkError` with a
one-line German reason and change nothing on failure; access to personal data is audit-logged with
counts, never names (`audit`)."""
