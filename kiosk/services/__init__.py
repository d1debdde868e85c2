"""Qt-free async facades that the views await. They run SQL on the one DB worker thread."""
