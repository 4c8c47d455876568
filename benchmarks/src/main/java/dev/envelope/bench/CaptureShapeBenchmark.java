package dev.envelope.bench;

import dev.envelope.bench.shapes.FlatRecord;
import dev.envelope.bench.shapes.Order;
import dev.envelope.bench.shapes.ShapeService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Capture cost by argument shape under the envelope agent: one admission (no grant) whose only
 * argument is a scalar, a record, a nested POJO, a map or a large list. The scalar is the fixed
 * cost of an admission; the others add the flattening of their argument.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CaptureShapeBenchmark {

  private ShapeService service;
  private FlatRecord record;
  private Order order;
  private Map<String, Object> map;
  private List<String> list;

  @Setup(Level.Trial)
  public void setUp() {
    service = new ShapeService();
    record = ShapeService.sampleRecord();
    order = new Order();
    map = ShapeService.sampleMap();
    list = ShapeService.sampleList();
  }

  @Benchmark
  public int scalar(Agents.Envelope agent, CallingThread thread) {
    thread.calls++;
    return service.scalar(4);
  }

  @Benchmark
  public int record(Agents.Envelope agent, CallingThread thread) {
    thread.calls++;
    return service.record(record);
  }

  @Benchmark
  public int nestedPojo(Agents.Envelope agent, CallingThread thread) {
    thread.calls++;
    return service.nestedPojo(order);
  }

  @Benchmark
  public int map(Agents.Envelope agent, CallingThread thread) {
    thread.calls++;
    return service.map(map);
  }

  @Benchmark
  public int largeList(Agents.Envelope agent, CallingThread thread) {
    thread.calls++;
    return service.largeList(list);
  }
}
