/* The C reference of the large-dump benchmark (bench/large.ts builds it with cc -O2): a plain
 * scalar program that mmaps a dump and, per `[NAME].data:` line,
 *   decode: decodes every ascii85 group into a reused 64 KiB buffer (and folds it into a checksum);
 *   scan:   only finds the line ends and counts the groups (what an index pass must at least do).
 * It checks nothing; it is the speed limit the CLI is measured against. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: a85ref decode|scan FILE\n");
    return 1;
  }
  int decode = strcmp(argv[1], "decode") == 0;
  int fd = open(argv[2], O_RDONLY);
  if (fd < 0) return 1;
  struct stat st;
  fstat(fd, &st);
  const unsigned char *p = mmap(0, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return 1;
  madvise((void *)p, st.st_size, MADV_SEQUENTIAL);
  const unsigned char *end = p + st.st_size;
  static uint32_t out[1 << 14];
  size_t w = 0;
  uint64_t dwords = 0, lines = 0, sum = 0;
  while (p < end) {
    const unsigned char *nl = memchr(p, '\n', end - p);
    if (!nl) nl = end;
    lines++;
    size_t head = nl - p < 96 ? nl - p : 96;
    const unsigned char *q = memmem(p, head, "].data: ", 8);
    if (q) {
      q += 8;
      if (decode) {
        while (q < nl) {
          if (*q == 'z') {
            out[w++] = 0;
            q++;
          } else if (nl - q >= 5) {
            out[w++] = (uint32_t)(q[0] - 33) * 52200625u + (uint32_t)(q[1] - 33) * 614125u +
                       (uint32_t)(q[2] - 33) * 7225u + (uint32_t)(q[3] - 33) * 85u + (uint32_t)(q[4] - 33);
            q += 5;
          } else break;
          if (w == (1 << 14)) {
            sum += out[0] ^ out[w - 1] ^ out[w >> 1];
            dwords += w;
            w = 0;
          }
        }
      } else {
        size_t z = 0, n = (size_t)(nl - q);
        for (; q < nl; q++) z += *q == 'z';
        dwords += z + (n - z) / 5;
      }
    }
    p = nl + 1;
  }
  dwords += w;
  printf("%llu dwords, %llu lines, checksum %llu\n", (unsigned long long)dwords, (unsigned long long)lines, (unsigned long long)sum);
  return 0;
}
