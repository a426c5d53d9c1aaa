package dev.ballast.node.balance;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An indexed binary min-heap of servers keyed by weighted load, for least connections (HAProxy's fwlc keeps an
 * ebtree for the same purpose). The key is (load + 1) ÷ weight ({@link Server#load()}), compared by
 * cross-multiplication, then the order of the last update: among equally loaded servers the one whose load changed longest ago comes first, which
 * breaks ties round-robin. Weight 0 sorts last. Each key is a snapshot taken when the server was added or updated,
 * so the heap stays ordered while the live counters move; callers update a server after each change of its load or
 * weight. Not thread-safe: the owner serialises access.
 */
final class LoadHeap {

    private static final class Entry {
        final Server server;
        int position;
        int load;
        int weight;
        long order;

        Entry(Server server) {
            this.server = server;
        }
    }

    private final Map<Server, Entry> entries = new IdentityHashMap<>();
    private Entry[] heap = new Entry[16];
    private int size;
    private long updates;

    int size() {
        return size;
    }

    boolean contains(Server server) {
        return entries.containsKey(server);
    }

    void add(Server server) {
        if (entries.containsKey(server)) {
            return;
        }
        Entry entry = new Entry(server);
        entries.put(server, entry);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        entry.position = size;
        heap[size++] = entry;
        refresh(entry);
        siftUp(entry.position);
    }

    void remove(Server server) {
        Entry entry = entries.remove(server);
        if (entry == null) {
            return;
        }
        int hole = entry.position;
        Entry last = heap[--size];
        heap[size] = null;
        if (hole != size) {
            place(last, hole);
            siftDown(siftUp(hole));
        }
    }

    /** Takes a new snapshot of the server's load and weight; does nothing for a server not in the heap. */
    void update(Server server) {
        Entry entry = entries.get(server);
        if (entry != null) {
            refresh(entry);
            siftDown(siftUp(entry.position));
        }
    }

    /** The least loaded server that may take a request (not avoided, weighted, below maxconn), or null. */
    Server leastLoaded(Server avoid) {
        Entry best = search(0, avoid, null);
        return best == null ? null : best.server;
    }

    /**
     * Depth-first search for the least eligible entry: an eligible entry beats its whole subtree, so the search
     * only goes below entries that are not eligible, and prunes subtrees that cannot beat the best found.
     */
    private Entry search(int position, Server avoid, Entry best) {
        if (position >= size) {
            return best;
        }
        Entry entry = heap[position];
        if (best != null && !less(entry, best)) {
            return best;
        }
        if (Candidates.eligible(entry.server, avoid)) {
            return entry;
        }
        best = search(2 * position + 1, avoid, best);
        return search(2 * position + 2, avoid, best);
    }

    private void refresh(Entry entry) {
        entry.load = entry.server.load();
        entry.weight = entry.server.weight();
        entry.order = ++updates;
    }

    private static boolean less(Entry a, Entry b) {
        if (a.weight == 0 || b.weight == 0) {
            if (a.weight != b.weight) {
                return b.weight == 0;
            }
            return a.order < b.order;
        }
        long left = (long) (a.load + 1) * b.weight;
        long right = (long) (b.load + 1) * a.weight;
        return left != right ? left < right : a.order < b.order;
    }

    private int siftUp(int position) {
        Entry entry = heap[position];
        while (position > 0) {
            int parent = (position - 1) >>> 1;
            if (!less(entry, heap[parent])) {
                break;
            }
            place(heap[parent], position);
            position = parent;
        }
        place(entry, position);
        return position;
    }

    private void siftDown(int position) {
        Entry entry = heap[position];
        while (true) {
            int child = 2 * position + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(heap[child + 1], heap[child])) {
                child++;
            }
            if (!less(heap[child], entry)) {
                break;
            }
            place(heap[child], position);
            position = child;
        }
        place(entry, position);
    }

    private void place(Entry entry, int position) {
        heap[position] = entry;
        entry.position = position;
    }
}
