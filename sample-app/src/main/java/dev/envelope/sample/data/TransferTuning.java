package dev.envelope.sample.data;

/**
 * Data-service specific knobs of a transfer, recorded under {@code extensions.data.transfer}
 * rather than in the core families. Defaults are filled in when the request is bound.
 *
 * @param chunkSizeMb the size of each copied chunk, in MB
 * @param parallelStreams how many chunks are copied at once
 * @param checksum {@code crc32c}, {@code sha256} or {@code none}
 */
public record TransferTuning(int chunkSizeMb, int parallelStreams, String checksum) {

  /** Chunk size when none is asked. */
  public static final int DEFAULT_CHUNK_SIZE_MB = 64;

  /** Parallel streams when none are asked. */
  public static final int DEFAULT_PARALLEL_STREAMS = 4;

  /** Checksum when none is asked. */
  public static final String DEFAULT_CHECKSUM = "crc32c";

  /** The tuning with each absent value replaced by its default. */
  public static TransferTuning withDefaults(Integer chunkSizeMb, Integer parallelStreams,
      String checksum) {
    return new TransferTuning(
        chunkSizeMb == null ? DEFAULT_CHUNK_SIZE_MB : chunkSizeMb,
        parallelStreams == null ? DEFAULT_PARALLEL_STREAMS : parallelStreams,
        checksum == null ? DEFAULT_CHECKSUM : checksum);
  }
}
