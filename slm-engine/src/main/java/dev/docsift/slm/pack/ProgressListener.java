package dev.docsift.slm.pack;

/** Hears how far a download has come. Called from the installing thread. */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (bytes, total) -> {};

  /**
   * Reports progress.
   *
   * @param bytes bytes of the archive on disk so far (a resumed download starts above zero)
   * @param total the archive's full size, or -1 when the server does not say
   */
  void progress(long bytes, long total);
}
