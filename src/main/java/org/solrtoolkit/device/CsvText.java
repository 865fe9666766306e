package org.solrtoolkit.device;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The text of a fleet CSV as a spreadsheet saves it: drops a UTF-8 byte order mark at the start,
 * as Excel writes one, and refuses binary content (control characters other than tab, CR and LF)
 * with {@link BinaryContent}, so a binary file is named as such rather than parsed as rows.
 */
final class CsvText extends FilterReader {

    /** A NUL or other control character that no CSV text holds: the file is binary. */
    static final class BinaryContent extends IOException {
        BinaryContent(long at) {
            super("binary content at character " + at);
        }
    }

    private boolean first = true;
    private long position;

    CsvText(Reader in) {
        super(in);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (first && n > 0) {
            first = false;
            if (buf[off] == '\uFEFF') {
                System.arraycopy(buf, off + 1, buf, off, n - 1);
                n--;
                if (n == 0) {
                    return read(buf, off, len);
                }
            }
        }
        for (int i = off; i < off + n; i++) {
            char c = buf[i];
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                throw new BinaryContent(position + i - off + 1);
            }
        }
        position += Math.max(0, n);
        return n;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0];
    }
}
