package dev.leakwatch.core.origin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The chunks of a recording file that ended after a point in time, found by their
 * headers. A header holds the chunk's size and, past the offsets of its constant pools
 * and metadata, its start and duration in nanoseconds since the epoch; the JVM writes a
 * finished chunk's duration as the next chunk's start minus its own, and a
 * {@code Recording.copy(true)} stops at the start of the chunk it begins, so the chunk it
 * ended ends exactly at its stop time. The recording API can only keep the chunks younger
 * than an age counted from the moment the recorder's lock is taken, so a read that asked
 * for the chunks since the last one lost the newest whenever another recording held the
 * lock longer than the time since the last read; chunk times do not move.
 */
final class ChunkFile {

	/** The chunk header of format 2 (JDK 11 and later). */
	private static final int HEADER_SIZE = 68;

	private static final int MAGIC = ('F' << 24) | ('L' << 16) | ('R' << 8);

	private static final int MAJOR_VERSION = 2;

	private static final int SIZE_POSITION = 8;

	private static final int START_NANOS_POSITION = 32;

	private static final int DURATION_NANOS_POSITION = 40;

	private ChunkFile() {
	}

	/**
	 * The chunks of {@code file} that ended after {@code after}: {@code file} itself when
	 * all of them did, otherwise {@code rest}, written with those chunks only.
	 * @throws IOException when no chunk ended after {@code after}, a header is not one of
	 * format 2, or the chunks' sizes do not add up to the file's (the parser would stop
	 * at a broken chunk without a word)
	 */
	static Path endingAfter(Path file, Instant after, Path rest) throws IOException {
		long afterNanos = Math.addExact(Math.multiplyExact(after.getEpochSecond(), 1_000_000_000L), after.getNano());
		try (FileChannel chunks = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = chunks.size();
			long firstUnread = -1;
			ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
			for (long offset = 0; offset < size;) {
				readHeader(chunks, offset, header, file);
				long chunkSize = header.getLong(SIZE_POSITION);
				if (chunkSize < HEADER_SIZE || chunkSize > size - offset) {
					throw new IOException("a chunk of " + chunkSize + " bytes at byte " + offset + " of " + file
							+ ", which has " + size);
				}
				if (firstUnread < 0 && header.getLong(START_NANOS_POSITION)
						+ header.getLong(DURATION_NANOS_POSITION) > afterNanos) {
					firstUnread = offset;
				}
				offset += chunkSize;
			}
			if (firstUnread < 0) {
				throw new IOException("no chunk of " + file + " ended after " + after);
			}
			if (firstUnread == 0) {
				return file;
			}
			try (FileChannel kept = FileChannel.open(rest, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				for (long copied = firstUnread; copied < size;) {
					long moved = chunks.transferTo(copied, size - copied, kept);
					if (moved <= 0) {
						throw new IOException("could not copy " + file + " from byte " + copied + " to " + rest);
					}
					copied += moved;
				}
			}
			return rest;
		}
	}

	private static void readHeader(FileChannel chunks, long offset, ByteBuffer header, Path file) throws IOException {
		header.clear();
		// a read from a file may return less than asked without being at its end
		while (header.hasRemaining()) {
			if (chunks.read(header, offset + header.position()) < 0) {
				break;
			}
		}
		if (header.hasRemaining() || header.getInt(0) != MAGIC || header.getShort(4) != MAJOR_VERSION) {
			throw new IOException(
					"no chunk header of JFR format " + MAJOR_VERSION + " at byte " + offset + " of " + file);
		}
	}

}
