package dev.docsift.app.gui;

/**
 * The window's commands that more than one control starts: the toolbar's buttons, the keyboard
 * shortcuts and the empty queue's button all run these, so that a button and its shortcut cannot
 * drift apart. {@link MainWindow} makes them; the views only run them, on the JavaFX thread.
 *
 * @param open asks for documents and queues them
 * @param openFolder asks for a folder and queues every document in it
 * @param loadSchema asks for a JSON Schema file and loads it
 * @param export asks how to export, and exports
 * @param copyJson copies the shown document's JSON
 * @param editSettings lets the user edit the settings, and uses them
 */
record WindowActions(
    Runnable open,
    Runnable openFolder,
    Runnable loadSchema,
    Runnable export,
    Runnable copyJson,
    Runnable editSettings) {}
