/** The setup doctor: its service, its probe route on the callback listener, and the `doctor.*` handlers. */
export { createDoctorModule } from './doctor-module';
export type { DoctorOverrides, DoctorService } from './doctor-service';
