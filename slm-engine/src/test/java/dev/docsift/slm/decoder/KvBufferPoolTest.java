package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The session's spare shared-cache buffers: what is handed back is handed out again. */
class KvBufferPoolTest {
  @Test
  void aSetGivenBackServesTheNextTakeOfItsSizeOrLess() {
    KvBufferPool pool = new KvBufferPool();
    ByteBuffer[] set = pool.take(1024, 4);
    assertThat(set).hasSize(4).allSatisfy(b -> assertThat(b.capacity()).isEqualTo(1024));
    assertThat(set[0].isDirect()).isTrue();
    assertThat(set[0].order()).isEqualTo(ByteOrder.nativeOrder());
    pool.give(set);
    assertThat(pool.take(512, 4)).isSameAs(set);
    assertThat(pool.take(512, 4)).isNotSameAs(set); // taken: the pool is empty again
  }

  @Test
  void aSetTooSmallIsDroppedAndTheLargerIsKept() {
    KvBufferPool pool = new KvBufferPool();
    ByteBuffer[] small = pool.take(256, 2);
    ByteBuffer[] large = pool.take(4096, 2);
    pool.give(small);
    pool.give(large);
    assertThat(pool.take(4096, 2)).isSameAs(large);
    pool.give(small);
    ByteBuffer[] bigger = pool.take(1024, 2);
    assertThat(bigger).isNotSameAs(small);
    assertThat(bigger[0].capacity()).isEqualTo(1024);
    assertThat(pool.take(1, 2)).isNotSameAs(small); // dropped by the take that needed more
  }

  @Test
  void aClosedPoolKeepsNothing() {
    KvBufferPool pool = new KvBufferPool();
    ByteBuffer[] set = pool.take(64, 2);
    pool.close();
    pool.give(set);
    assertThat(pool.take(64, 2)).isNotSameAs(set);
  }
}
