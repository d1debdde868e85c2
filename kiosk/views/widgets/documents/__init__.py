"""Documents a visitor attaches, on screen: each module one widget or one job.

- ``texts``: refusal messages (the one place for them), sizes, dates and kinds of documents;
- ``picker``: DocumentPicker, a touch browser over the allowed folders, in an overlay;
- ``viewer``: DocumentViewer, the pages of a document, and ``open_viewer`` (it in an overlay);
- ``card``: DocumentCard, one attached document with "Voir" and "Retirer";
- ``editor``: AttachmentEditor, the editor of a catalogue field of type "attachment";
- ``parts``: the small parts they share.

They take a DocumentService (kiosk.services.documents) for their blocking work and a page's TaskOwner for their
coroutines (kiosk.views.tasks): nothing here runs work off the GUI thread by other means.
"""
