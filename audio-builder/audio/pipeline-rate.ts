// The pipeline's one audio format: mono PCM at 22,050 Hz (espeak's native rate, an Azure output
// format, accepted by Alexa, and exactly half of 44,100 Hz). Every speech engine delivers it, so
// no engine output is ever resampled; assembly, loudness, shaping and the limiter work in it, and
// only the encoder changes the rate, for a profile that needs another (audio-profiles.ts).
export const PIPELINE_SAMPLE_RATE = 22050;
