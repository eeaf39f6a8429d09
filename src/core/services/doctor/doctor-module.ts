import { DoctorService, doctorHandlers, type DoctorServiceDeps } from './doctor-service';
import { DoctorProbes } from './probe-route';

/**
 * The setup doctor as a core module: the `doctor.*` handlers and the probe route the checks send
 * through the tunnel back to our own listener. The probe route goes first among the listener's
 * routes: the pipeline's last route answers every other path.
 */
export function createDoctorModule(d: Omit<DoctorServiceDeps, 'probes'>) {
  const probes = new DoctorProbes(d.rt.clock, d.rt.random);
  const service = new DoctorService({ ...d, probes });
  return {
    service,
    handlers: doctorHandlers(service),
    routes: [probes.route],
    start() {},
    stop() {},
  };
}
