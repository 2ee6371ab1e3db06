package dev.leakwatch.core.proof;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a dump of the live heap to a file that does not exist yet. */
@FunctionalInterface
interface HeapDumper {

	void dump(Path file) throws IOException;

}
