package dev.docsift.core.model;

/** The kinds of file docsift reads, recognised by their first bytes, never by their name. */
public enum DocumentKind {
  PDF,
  PNG,
  JPEG,
  TIFF
}
