// The recording page's AudioWorklet: hands every block of microphone samples, untouched, to the
// page. MediaRecorder would give Opus or AAC (lossy); a take is source material, so the page
// captures the PCM itself and sends it as a WAV, which the server keeps as FLAC.
export const CAPTURE_WORKLET = `
class Capture extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) this.port.postMessage(channel.slice(0));
    return true;
  }
}
registerProcessor("rustpunt-capture", Capture);
`;
