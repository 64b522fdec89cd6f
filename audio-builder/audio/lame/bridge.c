/* The few entry points Rustpunt calls (lame-wasm-encoder.ts), over LAME's own API: an encoder
   configured the way ffmpeg's libmp3lame configures it for `-b:a K -compression_level Q
   -cutoff C` (constant bitrate, its quality and low-pass), fed float samples. It returns bare
   frames: LAME's own Info frame does not fit a 48 kb/s frame at 24 kHz, so the pipeline writes
   it for every profile (lame-info-frame.ts). */
#include <stdlib.h>
#include "lame.h"

/* Sample rate (in and out: the caller resamples, faster than LAME), kb/s, quality 0-9, low-pass
   Hz (0: LAME's default for the bitrate). Mono. NULL when LAME refuses the settings. */
lame_t rp_open(int rate, int kbps, int quality, int lowpass_hz) {
  lame_t gfp = lame_init();
  if (!gfp) return NULL;
  lame_set_num_channels(gfp, 1);
  lame_set_mode(gfp, MONO);
  lame_set_in_samplerate(gfp, rate);
  lame_set_out_samplerate(gfp, rate);
  lame_set_VBR(gfp, vbr_off);
  lame_set_brate(gfp, kbps);
  lame_set_quality(gfp, quality);
  if (lowpass_hz > 0) lame_set_lowpassfreq(gfp, lowpass_hz);
  lame_set_bWriteVbrTag(gfp, 0);
  lame_set_write_id3tag_automatic(gfp, 0);
  if (lame_init_params(gfp) < 0) {
    lame_close(gfp);
    return NULL;
  }
  return gfp;
}

void *rp_alloc(int bytes) { return malloc(bytes); }

/* `n` samples in the ±32768 scale (as ffmpeg passes them); returns bytes written or < 0. */
int rp_encode(lame_t gfp, const float *pcm, int n, unsigned char *out, int out_size) {
  return lame_encode_buffer_float(gfp, pcm, pcm, n, out, out_size);
}

int rp_flush(lame_t gfp, unsigned char *out, int out_size) {
  return lame_encode_flush(gfp, out, out_size);
}

void rp_close(lame_t gfp) { lame_close(gfp); }
