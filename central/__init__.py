"""The central service the kiosks sync with. This version offers the operator's catalogue check;
the HTTP API and back office come with the sync issue."""
