package dev.braid.pipelines.ci;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects an HTTP body up to a cap. An API answer past the cap fails (a server gone wrong must not
 * fill the heap); a log past it keeps only its end, where failures are reported.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Bytes> {
    /** The body read, and whether its beginning was dropped to stay under the cap. */
    record Bytes(byte[] data, boolean truncated) {
    }

    /** The body was larger than the cap allows. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long cap, long announced) {
            super((announced > cap ? "the answer announced " + size(announced) + ", more than" : "the answer grew past")
                    + " the " + size(cap) + " Braid reads in one answer, so it stopped reading there");
        }

        private static String size(long bytes) {
            return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
        }
    }

    private final long cap;
    private final boolean keepTail;
    private final long announced;
    private final CompletableFuture<Bytes> result = new CompletableFuture<>();
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private long size;
    private boolean dropped;
    private Flow.Subscription subscription;

    private CappedBody(long cap, boolean keepTail, long announced) {
        this.cap = cap;
        this.keepTail = keepTail;
        this.announced = announced;
    }

    /** Fails once more than {@code cap} bytes arrive, or at once when the answer announces more. */
    static HttpResponse.BodyHandler<Bytes> failAbove(long cap) {
        return info -> new CappedBody(cap, false, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    static HttpResponse.BodyHandler<Bytes> keepTail(long cap) {
        return info -> new CappedBody(cap, true, -1);
    }

    @Override
    public CompletionStage<Bytes> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (!keepTail && announced > cap) {
            s.cancel();
            result.completeExceptionally(new TooLarge(cap, announced));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : items) {
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            chunks.addLast(chunk);
            size += chunk.length;
        }
        if (size <= cap) {
            return;
        }
        if (!keepTail) {
            subscription.cancel();
            chunks.clear();
            result.completeExceptionally(new TooLarge(cap, -1));
            return;
        }
        while (!chunks.isEmpty() && size - chunks.peekFirst().length >= cap) {
            size -= chunks.removeFirst().length;
            dropped = true;
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        byte[] all = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        int start = 0;
        if (keepTail && size > cap) {
            start = (int) (size - cap);
            dropped = true;
        }
        byte[] out = start == 0 ? all : java.util.Arrays.copyOfRange(all, start, all.length);
        result.complete(new Bytes(out, dropped));
    }
}
