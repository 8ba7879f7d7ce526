package dev.braid.sync;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads remote answers under a size cap that holds while the body streams in, so that a server
 * sending an endless or enormous body never fills the heap: a {@code Content-Length} over the cap
 * is refused before a byte is read, and a body that grows past it is cut off there (the
 * connection is dropped, the bytes read so far are let go). For the JDK's {@code HttpClient}:
 *
 * <pre>{@code
 * HttpResponse<byte[]> response = client.send(request,
 *         CappedBody.ofByteArray(CappedBody.STANDARD_MAX_BYTES, "Airflow at " + base));
 * }</pre>
 *
 * For a stream read bit by bit (a download), {@link #limited} wraps it. Failures are
 * {@link BodyTooLargeException}, which says who sent how much.
 */
public final class CappedBody {
    /**
     * The cap for one JSON answer: 128 MiB, some twenty times the largest page Braid asks any
     * source for (1,000 MLflow runs with their params and metrics), and well inside the heap.
     */
    public static final long STANDARD_MAX_BYTES = 128L << 20;

    /**
     * {@link #STANDARD_MAX_BYTES}, or a quarter of the heap when that is smaller: an answer is
     * held whole while it is read and again while it is parsed, and a cap the heap cannot hold
     * would turn a too-large answer into an out-of-memory error instead of a clear refusal.
     */
    public static long standardMaxBytes() {
        return Math.min(STANDARD_MAX_BYTES, Runtime.getRuntime().maxMemory() / 4);
    }

    private CappedBody() {
    }

    /**
     * A body handler giving the whole body as bytes, failing with {@link BodyTooLargeException}
     * (as the cause of the client's exception) once more than {@code maxBytes} arrive or are
     * announced.
     *
     * @param who the remote, for the message ({@code "MLflow at http://host/ answering runs/search"})
     */
    public static BodyHandler<byte[]> ofByteArray(long maxBytes, String who) {
        return info -> new Capped(maxBytes, who, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /**
     * {@code in} failing with {@link BodyTooLargeException} when a read would take it past
     * {@code maxBytes}; closing it closes {@code in}.
     */
    public static InputStream limited(InputStream in, long maxBytes, String who) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) throws BodyTooLargeException {
                count += n;
                if (count > maxBytes) {
                    throw tooLarge(who, maxBytes, -1);
                }
            }
        };
    }

    static BodyTooLargeException tooLarge(String who, long maxBytes, long declared) {
        return new BodyTooLargeException(who + (declared >= 0 ? " announced a body of " + megabytes(declared) : " sent more than "
                + megabytes(maxBytes)) + ", more than the " + megabytes(maxBytes) + " Braid reads in one answer; it stopped"
                + " reading there. A correct server does not answer that much at once.", maxBytes);
    }

    private static String megabytes(long bytes) {
        return bytes >= (1 << 20) ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    /** Collects the body's buffers, cancelling the subscription the moment the cap is passed. */
    private static final class Capped implements BodySubscriber<byte[]> {
        private final long maxBytes;
        private final String who;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long count;
        private boolean done;

        Capped(long maxBytes, String who, long declared) {
            this.maxBytes = maxBytes;
            this.who = who;
            this.declared = declared;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > maxBytes) {
                fail(tooLarge(who, maxBytes, declared));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (done) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                count += buffer.remaining();
                if (count > maxBytes) {
                    fail(tooLarge(who, maxBytes, -1));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!done) {
                done = true;
                result.completeExceptionally(error);
            }
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                result.complete(out.toByteArray());
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        private void fail(BodyTooLargeException error) {
            done = true;
            out.reset();
            subscription.cancel();
            result.completeExceptionally(error);
        }
    }
}
