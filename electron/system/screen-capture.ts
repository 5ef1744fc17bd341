// Electron adapter: every display at its native resolution, with our window hidden so it covers nothing.
import {
  desktopCapturer,
  screen,
  systemPreferences,
  type BrowserWindow,
  type DesktopCapturerSource,
  type Display,
  type NativeImage,
} from 'electron';
import { setTimeout as delay } from 'node:timers/promises';
import { AuthdeskError } from '../../shared/errors';
import { bgraToRgba } from '../import/bgra';
import type { RgbaImage, ScreenCapturePort } from '../ports';

/** Long enough for the compositor to take the hidden window off the screen. */
const HIDE_MS = 300;

const denied = (cause?: unknown) =>
  new AuthdeskError(
    'SCREEN_CAPTURE_DENIED',
    'The system did not let Authdesk capture the screen.',
    {
      cause,
    },
  );

function rgbaOf(image: NativeImage): RgbaImage {
  const { width } = image.getSize();
  const bitmap = image.toBitmap();
  const data = bgraToRgba(new Uint8Array(bitmap.buffer, bitmap.byteOffset, bitmap.byteLength));
  // A thumbnail has one (1×) representation, so its rows follow from the bitmap's length.
  return { width, height: Math.floor(data.length / (4 * width)), data };
}

export function electronScreenCapture(
  getWindow: () => BrowserWindow | undefined,
): ScreenCapturePort {
  const wayland = process.platform === 'linux' && process.env.XDG_SESSION_TYPE === 'wayland';
  return {
    capture: async () => {
      // One thumbnail size serves every source: the largest display's pixels in each direction.
      const displays = screen.getAllDisplays();
      const px = (dip: number, d: Display) => Math.round(dip * d.scaleFactor);
      const thumbnailSize = {
        width: Math.max(...displays.map((d) => px(d.size.width, d))),
        height: Math.max(...displays.map((d) => px(d.size.height, d))),
      };
      const win = getWindow();
      const hidden = win?.isVisible() ? win : undefined;
      hidden?.hide();
      let sources: DesktopCapturerSource[];
      try {
        if (hidden) await delay(HIDE_MS);
        sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize });
      } catch (error) {
        // Wayland's portal rejects when the user cancels its prompt.
        throw wayland ? denied(error) : error;
      } finally {
        hidden?.show();
      }
      // Without the permission macOS still returns images, of the wallpaper only.
      if (
        process.platform === 'darwin' &&
        systemPreferences.getMediaAccessStatus('screen') !== 'granted'
      ) {
        throw denied();
      }
      if (wayland && sources.length === 0) throw denied();
      return sources.filter((s) => !s.thumbnail.isEmpty()).map((s) => rgbaOf(s.thumbnail));
    },
  };
}
