package org.solrtoolkit.device;

/**
 * The line each device id was first seen on in an import, to name duplicates: an open-addressing
 * table of primitive longs, so a million ids cost 24 MB and no garbage instead of a million boxed
 * map entries the collector would copy.
 */
final class EuiLineIndex {

    private static final long EMPTY = 0L;
    private long[] keys = new long[1 << 12];
    private long[] lines = new long[1 << 12];
    private boolean hasZero;
    private long zeroLine;
    private int size;

    /** Records {@code line} for {@code id} and returns 0, or returns the line it was first seen on. */
    long putIfAbsent(long id, long line) {
        if (id == EMPTY) {
            if (hasZero) {
                return zeroLine;
            }
            hasZero = true;
            zeroLine = line;
            return 0;
        }
        int mask = keys.length - 1;
        int i = mix(id) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == id) {
                return lines[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = id;
        lines[i] = line;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = mix(oldKeys[j]) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                lines[i] = oldLines[j];
            }
        }
    }

    private static int mix(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
