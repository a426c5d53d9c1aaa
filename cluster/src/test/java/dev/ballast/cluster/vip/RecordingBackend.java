package dev.ballast.cluster.vip;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every call ("acquire v1", ...) and fails the first {@code failures} calls of any kind. */
final class RecordingBackend implements VipBackend {

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;

    RecordingBackend(int failures) {
        this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public void acquire(String vip) throws VipException {
        record("acquire " + vip);
    }

    @Override
    public void acquireFrom(String vip, InetAddress formerOwner) throws VipException {
        record("acquire " + vip + " from " + formerOwner.getHostAddress());
    }

    @Override
    public void endHandover(String vip) throws VipException {
        record("end handover " + vip);
    }

    @Override
    public void release(String vip) throws VipException {
        record("release " + vip);
    }

    @Override
    public void reassert(String vip) throws VipException {
        record("reassert " + vip);
    }

    private void record(String call) throws VipException {
        calls.add(call);
        if (failuresLeft.getAndDecrement() > 0) {
            throw new VipException("injected failure of " + call);
        }
    }
}
