package dev.braid.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a byte of a SQLite file lies, read from the file format
 * (https://www.sqlite.org/fileformat2.html): the database header, a b-tree page's header or cell
 * pointers, a cell's keys and record header, a stored value, unused space, or another kind of page.
 * Lets the byte-flip test tell flips SQLite can notice (structure) from flips it cannot (inside a
 * stored value: SQLite keeps no checksums).
 */
final class SqliteFileMap {
    enum Area {
        /** The first 100 bytes: page size, encoding, schema version... */
        DATABASE_HEADER,
        /** A b-tree page's header and its cell pointers, an interior cell, an overflow page's link. */
        STRUCTURE,
        /** A cell's payload size and row id, and the record header naming each value's type and length. */
        RECORD,
        /** The bytes of a value stored in a table or index record (or its overflow). */
        VALUE,
        /** Free space inside a page, or a page on the free list. */
        UNUSED,
        /** Anything else (pointer-map pages, the lock byte page). */
        OTHER
    }

    private final byte[] file;
    private final int pageSize;
    private final int usable;
    private final Area[] areas;

    SqliteFileMap(byte[] file) {
        this.file = file;
        int size = ((file[16] & 0xff) << 8) | (file[17] & 0xff);
        this.pageSize = size == 1 ? 65536 : size;
        this.usable = pageSize - (file[20] & 0xff);
        this.areas = new Area[file.length];
        java.util.Arrays.fill(areas, Area.UNUSED);
        for (int i = 0; i < 100; i++) {
            areas[i] = Area.DATABASE_HEADER;
        }
        java.util.Set<Integer> free = freePages();
        for (int page = 0; page < file.length / pageSize; page++) {
            if (!free.contains(page)) {
                mapPage(page);
            }
        }
    }

    /** The pages on the free list (0-based), trunks and leaves: nothing reads them. */
    private java.util.Set<Integer> freePages() {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        long trunk = u32(32);
        while (trunk > 0 && trunk * pageSize <= file.length && out.add((int) trunk - 1)) {
            int at = (int) (trunk - 1) * pageSize;
            long leaves = u32(at + 4);
            for (int i = 0; i < leaves && at + 8 + 4 * i + 4 <= file.length; i++) {
                out.add((int) u32(at + 8 + 4 * i) - 1);
            }
            trunk = u32(at);
        }
        return out;
    }

    private long u32(int offset) {
        return ((long) (file[offset] & 0xff) << 24) | ((file[offset + 1] & 0xff) << 16)
                | ((file[offset + 2] & 0xff) << 8) | (file[offset + 3] & 0xff);
    }

    Area at(long offset) {
        return areas[(int) offset];
    }

    /** Every offset in {@code area}. */
    List<Integer> offsets(Area area) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < areas.length; i++) {
            if (areas[i] == area) {
                out.add(i);
            }
        }
        return out;
    }

    private void mapPage(int page) {
        int base = page * pageSize;
        int h = base + (page == 0 ? 100 : 0);
        int type = file[h] & 0xff;
        boolean leaf = type == 0x0d || type == 0x0a;
        boolean btree = leaf || type == 0x05 || type == 0x02;
        if (!btree) {
            // Overflow pages continue a value after a 4-byte pointer; without a walk of the tree they
            // cannot be told from free-list pages, so both count as values (the lenient side).
            for (int i = base; i < base + 4; i++) {
                areas[i] = Area.STRUCTURE;
            }
            for (int i = base + 4; i < base + pageSize; i++) {
                areas[i] = Area.VALUE;
            }
            return;
        }
        int headerSize = leaf ? 8 : 12;
        int cells = u16(h + 3);
        for (int i = h; i < h + headerSize + 2 * cells && i < base + pageSize; i++) {
            areas[i] = Area.STRUCTURE;
        }
        for (int c = 0; c < cells; c++) {
            int cell = base + u16(h + headerSize + 2 * c);
            if (cell <= h || cell >= base + pageSize) {
                continue;
            }
            mapCell(type, cell, base);
        }
    }

    private void mapCell(int type, int cell, int base) {
        int at = cell;
        if (type == 0x05) {
            // Interior table cell: child page number and row id, all structure.
            int end = varintEnd(at + 4);
            mark(cell, end, Area.STRUCTURE);
            return;
        }
        if (type == 0x02) {
            at += 4;
        }
        long payload = varint(at);
        at = varintEnd(at);
        if (type == 0x0d) {
            at = varintEnd(at);
        }
        mark(cell, at, Area.RECORD);
        int local = localPayload(type, payload);
        int recordHeader = (int) varint(at);
        int bodyStart = Math.min(at + recordHeader, at + local);
        mark(at, bodyStart, Area.RECORD);
        mark(bodyStart, at + local, Area.VALUE);
        if (local < payload) {
            mark(at + local, at + local + 4, Area.STRUCTURE);
        }
    }

    /** How much of a payload is stored on the page itself (the rest overflows). */
    private int localPayload(int type, long payload) {
        int maxLocal = type == 0x0d ? usable - 35 : (usable - 12) * 64 / 255 - 23;
        int minLocal = (usable - 12) * 32 / 255 - 23;
        if (payload <= maxLocal) {
            return (int) payload;
        }
        int k = (int) (minLocal + (payload - minLocal) % (usable - 4));
        return k <= maxLocal ? k : minLocal;
    }

    private void mark(int from, int to, Area area) {
        for (int i = Math.max(0, from); i < Math.min(to, areas.length); i++) {
            areas[i] = area;
        }
    }

    private int u16(int offset) {
        return ((file[offset] & 0xff) << 8) | (file[offset + 1] & 0xff);
    }

    private long varint(int offset) {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            int b = file[offset + i] & 0xff;
            if (i == 8) {
                return (value << 8) | b;
            }
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return value;
    }

    private int varintEnd(int offset) {
        for (int i = 0; i < 9; i++) {
            if ((file[offset + i] & 0x80) == 0 || i == 8) {
                return offset + i + 1;
            }
        }
        return offset + 9;
    }

    int pageSize() {
        return pageSize;
    }
}
