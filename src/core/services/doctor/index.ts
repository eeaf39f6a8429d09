/** The setup doctor: its service, its probe route on the callback listener, and the `doctor.*` handlers. */
export { DoctorService, doctorHandlers, type DoctorOverrides } from './doctor-service';
export { DoctorProbes } from './probe-route';
