"""The contract between kiosk and central: the procedure schema, the wire protocol and the sync client."""
